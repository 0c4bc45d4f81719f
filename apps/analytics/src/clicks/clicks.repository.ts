import { Injectable } from '@nestjs/common';
import type { ClickRecord } from '@app/contracts';
import { TransactionHost } from '@app/database';
import { attachClicksSql } from '../conversions/click-attribution.js';
import { CLICK_DIMENSION_COLUMNS, clickDimensionValuesSql } from '../rollups/rollup-dimensions.js';

// The batch travels as one JSON parameter: measured faster here than one array parameter per column
// read with unnest (node-pg's array encoding costs more than JSON.stringify plus json_to_recordset).
const INPUT_COLUMNS = `
  id uuid, "linkId" uuid, "workspaceId" uuid, "clickedAt" timestamptz, "productId" uuid, "postId" uuid,
  "targetId" uuid, variant text, platform text, country text, device text, browser text, os text,
  "referrerDomain" text, "isBot" boolean, "visitorHash" text`;

/** The clicks columns the rollup dimensions read, grouped on as they are. */
const GROUPED_COLUMNS = [
  ...new Set(
    Object.values(CLICK_DIMENSION_COLUMNS)
      .filter((column) => column !== `''`)
      .map((column) => column.replace(/::text$/, '')),
  ),
]
  .map((column) => `c.${column}`)
  .join(', ');

/**
 * Folds the batch's hourly counts into a rollup table. The daily table is fed from the same hourly counts
 * (re-grouped by day) rather than from the per-click facts again: a day is a union of its hours, so the
 * sums are equal, and grouping the few hourly rows is far cheaper than re-grouping thousands of facts.
 */
function rollupUpsert(table: string, unit: 'hour' | 'day'): string {
  return `INSERT INTO ${table} AS r (workspace_id, dimension, value, bucket, clicks, unique_clicks, bot_clicks)
    SELECT workspace_id, dimension, value, date_trunc('${unit}', bucket, 'UTC') AS rollup_bucket,
           sum(clicks), coalesce(sum(unique_clicks), 0), sum(bot_clicks)
    FROM hourly_counts GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 4, 3
    ON CONFLICT (workspace_id, dimension, bucket, value) DO UPDATE SET
      clicks = r.clicks + excluded.clicks,
      unique_clicks = r.unique_clicks + excluded.unique_clicks,
      bot_clicks = r.bot_clicks + excluded.bot_clicks`;
}

/**
 * Stores a batch of clicks and folds the new ones into the rollups in ONE statement (one transaction):
 * a click id already stored is skipped, so a redelivered batch changes nothing. A visitor counts once per
 * link and UTC day, at the first of its clicks this statement stores. The link gives each click its UTM
 * values, campaign and connection (the gateway's click record does not carry them).
 */
const INGEST_SQL = `
WITH input AS (
  SELECT DISTINCT ON (id) * FROM json_to_recordset($1::json) AS r(${INPUT_COLUMNS})
),
inserted AS (
  INSERT INTO clicks (id, workspace_id, link_id, clicked_at, product_id, post_id, target_id, campaign_id,
                      connection_id, variant, platform, utm_source, utm_campaign, country, device, browser, os,
                      referrer_domain, is_bot, visitor_hash)
  SELECT i.id, i."workspaceId", i."linkId", i."clickedAt", i."productId", i."postId", i."targetId", l.campaign_id,
         l.connection_id, i.variant, i.platform, l.utm->>'source', l.utm->>'campaign', i.country, i.device,
         i.browser, i.os, i."referrerDomain", i."isBot", i."visitorHash"
  FROM input i LEFT JOIN links l ON l.id = i."linkId" AND l.workspace_id = i."workspaceId"
  ON CONFLICT (id) DO NOTHING
  RETURNING *
),
new_visitors AS (
  INSERT INTO click_visitors (workspace_id, link_id, day, visitor_hash)
  SELECT DISTINCT workspace_id, link_id, (clicked_at AT TIME ZONE 'UTC')::date, visitor_hash
  FROM inserted WHERE NOT is_bot
  ORDER BY 1, 2, 3, 4
  ON CONFLICT DO NOTHING
  RETURNING workspace_id, link_id, day, visitor_hash
),
first_visits AS (
  SELECT DISTINCT ON (c.link_id, v.day, c.visitor_hash) c.id
  FROM inserted c
  JOIN new_visitors v ON v.workspace_id = c.workspace_id AND v.link_id = c.link_id
                     AND v.visitor_hash = c.visitor_hash AND v.day = (c.clicked_at AT TIME ZONE 'UTC')::date
  WHERE NOT c.is_bot
  ORDER BY c.link_id, v.day, c.visitor_hash, c.clicked_at, c.id
),
-- Clicks alike in every rollup dimension and hour are counted together before being spread over the
-- dimensions, so a batch of look-alike traffic makes far fewer rollup facts than it has clicks.
alike AS (
  SELECT c.workspace_id, date_trunc('hour', c.clicked_at, 'UTC') AS bucket, ${GROUPED_COLUMNS},
         count(*) FILTER (WHERE NOT c.is_bot) AS clicks, count(f.id) AS first_visits,
         count(*) FILTER (WHERE c.is_bot) AS bot_clicks
  FROM inserted c
  LEFT JOIN first_visits f ON f.id = c.id
  GROUP BY c.workspace_id, bucket, ${GROUPED_COLUMNS}
),
hourly_counts AS (
  SELECT c.workspace_id, d.dimension, d.value, c.bucket, sum(c.clicks) AS clicks,
         sum(c.first_visits) FILTER (WHERE d.counts_uniques) AS unique_clicks, sum(c.bot_clicks) AS bot_clicks
  FROM alike c
  CROSS JOIN LATERAL (VALUES
        ${clickDimensionValuesSql()}
  ) AS d(dimension, value, counts_uniques)
  GROUP BY 1, 2, 3, 4
),
hourly AS (${rollupUpsert('click_rollups_hourly', 'hour')}),
daily AS (${rollupUpsert('click_rollups_daily', 'day')})
SELECT count(*)::int AS stored FROM inserted`;

const ATTACH_SALES_SQL = attachClicksSql('v.click_id = ANY($1::uuid[])');

/** Every query on raw clicks: the batch insert (with its rollups) and the attribution of the sales it names. */
@Injectable()
export class ClicksRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Stores the clicks not stored yet and returns how many that was; then, once they have committed, attributes
   * the sales that named any click of the batch and found nothing (see attachClicksSql). The second step
   * covers the whole batch, not only the new clicks, so a batch delivered again after a crash between the two
   * still attributes its sales.
   */
  async ingest(clicks: ClickRecord[]): Promise<number> {
    if (clicks.length === 0) return 0;
    const rows: Array<{ stored: number }> = await this.tx.manager.query(INGEST_SQL, [JSON.stringify(clicks)]);
    await this.tx.manager.query(ATTACH_SALES_SQL, [clicks.map((click) => click.id)]);
    return rows[0]?.stored ?? 0;
  }
}
