import type { MigrationInterface, QueryRunner } from 'typeorm';

const VISIT_DIMENSIONS_OF_LINKS = `(VALUES
  ('link_country', coalesce(f.country, ''), true),
  ('link_device', f.device, true),
  ('link_browser', coalesce(f.browser, ''), true),
  ('link_os', coalesce(f.os, ''), true),
  ('link_referrer', coalesce(f.referrer_domain, ''), false)
)`;

/**
 * Links, clicks and sales learn their campaign and platform connection; a link can be made once per idempotency
 * key (a post target's); products keep their commission rate and published targets their connection. The
 * rollups gain the `campaign` and `connection` dimensions and, per link, the dimensions a visit fixes
 * (`link_country`: `<link id>:<country>` ...), so reports narrowed to some links can still be broken down by
 * country or device. Both are filled for the clicks already stored: none of them had a campaign or connection.
 */
export class CampaignAttribution1764000000000 implements MigrationInterface {
  name = 'CampaignAttribution1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE links ADD COLUMN campaign_id uuid, ADD COLUMN connection_id uuid, ADD COLUMN idempotency_key text`,
    );
    // One live link per key: a deleted link frees its key, so asking again makes a working link.
    await runner.query(
      `CREATE UNIQUE INDEX links_workspace_idempotency ON links (workspace_id, idempotency_key)
       WHERE idempotency_key IS NOT NULL AND deleted_at IS NULL`,
    );
    await runner.query(
      `CREATE INDEX links_workspace_campaign ON links (workspace_id, campaign_id) WHERE campaign_id IS NOT NULL`,
    );
    await runner.query(
      `CREATE INDEX links_workspace_connection ON links (workspace_id, connection_id) WHERE connection_id IS NOT NULL`,
    );
    await runner.query(`ALTER TABLE clicks ADD COLUMN campaign_id uuid, ADD COLUMN connection_id uuid`);
    await runner.query(`ALTER TABLE conversions ADD COLUMN campaign_id uuid, ADD COLUMN connection_id uuid`);
    await runner.query(
      `ALTER TABLE catalog_products ADD COLUMN commission_rate numeric(5,2)
         CHECK (commission_rate BETWEEN 0 AND 100)`,
    );
    await runner.query(`ALTER TABLE published_targets ADD COLUMN connection_id uuid`);

    for (const table of ['click_rollups_hourly', 'click_rollups_daily']) {
      await runner.query(
        `INSERT INTO ${table} (workspace_id, dimension, value, bucket, clicks, unique_clicks, bot_clicks)
         SELECT r.workspace_id, d.dimension, '', r.bucket, r.clicks, r.unique_clicks, r.bot_clicks
         FROM ${table} r CROSS JOIN (VALUES ('campaign'), ('connection')) AS d(dimension)
         WHERE r.dimension = 'all'`,
      );
    }
    // A visitor counts once per link and UTC day, at its first click, as the ingestion counts it.
    await runner.query(
      `WITH facts AS (
         SELECT c.*, NOT c.is_bot AND row_number() OVER (
           PARTITION BY c.workspace_id, c.link_id, (c.clicked_at AT TIME ZONE 'UTC')::date, c.visitor_hash, c.is_bot
           ORDER BY c.clicked_at, c.id) = 1 AS is_first
         FROM clicks c
       )
       INSERT INTO click_rollups_hourly (workspace_id, dimension, value, bucket, clicks, unique_clicks, bot_clicks)
       SELECT f.workspace_id, d.dimension, f.link_id::text || ':' || d.value, date_trunc('hour', f.clicked_at, 'UTC'),
              count(*) FILTER (WHERE NOT f.is_bot), count(*) FILTER (WHERE f.is_first AND d.counts_uniques),
              count(*) FILTER (WHERE f.is_bot)
       FROM facts f CROSS JOIN LATERAL ${VISIT_DIMENSIONS_OF_LINKS} AS d(dimension, value, counts_uniques)
       GROUP BY 1, 2, 3, 4`,
    );
    await runner.query(
      `INSERT INTO click_rollups_daily (workspace_id, dimension, value, bucket, clicks, unique_clicks, bot_clicks)
       SELECT workspace_id, dimension, value, date_trunc('day', bucket, 'UTC'), sum(clicks), sum(unique_clicks),
              sum(bot_clicks)
       FROM click_rollups_hourly WHERE dimension LIKE 'link\\_%'
       GROUP BY 1, 2, 3, 4`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['click_rollups_hourly', 'click_rollups_daily']) {
      await runner.query(
        `DELETE FROM ${table} WHERE dimension IN ('campaign', 'connection') OR dimension LIKE 'link\\_%'`,
      );
    }
    await runner.query('ALTER TABLE published_targets DROP COLUMN connection_id');
    await runner.query('ALTER TABLE catalog_products DROP COLUMN commission_rate');
    await runner.query('ALTER TABLE conversions DROP COLUMN campaign_id, DROP COLUMN connection_id');
    await runner.query('ALTER TABLE clicks DROP COLUMN campaign_id, DROP COLUMN connection_id');
    await runner.query(
      'ALTER TABLE links DROP COLUMN campaign_id, DROP COLUMN connection_id, DROP COLUMN idempotency_key',
    );
  }
}
