import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The analytics schema's first tables: tracked links, raw clicks, hourly and daily click rollups, conversions,
 * per-workspace secrets and the read models of products and published post targets the dashboard joins against.
 * It keeps its first name although it creates more than links: TypeORM knows an applied migration by its name
 * alone, so a renamed one would run again on every existing database and fail on the tables it already made.
 */
export class TrackedLinks1763900600000 implements MigrationInterface {
  name = 'TrackedLinks1763900600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE links (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        code text NOT NULL CONSTRAINT links_code_unique UNIQUE,
        url text NOT NULL,
        product_id uuid,
        post_id uuid,
        target_id uuid,
        variant text,
        platform text,
        utm jsonb NOT NULL,
        is_disabled boolean NOT NULL DEFAULT false,
        expires_at timestamptz,
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX links_workspace_created ON links (workspace_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`,
    );
    await runner.query(
      `CREATE INDEX links_workspace_post ON links (workspace_id, post_id) WHERE post_id IS NOT NULL`,
    );
    await runner.query(`
      CREATE TABLE clicks (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        link_id uuid NOT NULL,
        clicked_at timestamptz NOT NULL,
        product_id uuid,
        post_id uuid,
        target_id uuid,
        variant text,
        platform text,
        utm_source text,
        utm_campaign text,
        country text,
        device text NOT NULL,
        browser text,
        os text,
        referrer_domain text,
        is_bot boolean NOT NULL,
        visitor_hash text NOT NULL
      )`);
    await runner.query(`CREATE INDEX clicks_workspace_time ON clicks (workspace_id, clicked_at)`);
    await runner.query(`
      CREATE TABLE click_visitors (
        workspace_id uuid NOT NULL,
        link_id uuid NOT NULL,
        day date NOT NULL,
        visitor_hash text NOT NULL,
        PRIMARY KEY (workspace_id, link_id, day, visitor_hash)
      )`);
    for (const table of ['click_rollups_hourly', 'click_rollups_daily']) {
      await runner.query(`
        CREATE TABLE ${table} (
          workspace_id uuid NOT NULL,
          dimension text NOT NULL,
          value text NOT NULL,
          bucket timestamptz NOT NULL,
          clicks bigint NOT NULL DEFAULT 0,
          unique_clicks bigint NOT NULL DEFAULT 0,
          bot_clicks bigint NOT NULL DEFAULT 0,
          PRIMARY KEY (workspace_id, dimension, bucket, value)
        )`);
    }
    await runner.query(`
      CREATE TABLE conversions (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        order_id text NOT NULL,
        source text NOT NULL,
        status text NOT NULL,
        amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
        currency char(3) NOT NULL,
        occurred_at timestamptz NOT NULL,
        click_id uuid,
        link_id uuid,
        post_id uuid,
        target_id uuid,
        variant text,
        product_id uuid,
        platform text,
        utm_source text,
        utm_campaign text,
        country text,
        device text,
        browser text,
        os text,
        referrer_domain text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT conversions_order_unique UNIQUE (workspace_id, order_id)
      )`);
    await runner.query(`CREATE INDEX conversions_workspace_time ON conversions (workspace_id, occurred_at)`);
    await runner.query(`CREATE INDEX conversions_click ON conversions (click_id) WHERE click_id IS NOT NULL`);
    await runner.query(`
      CREATE TABLE workspace_secrets (
        workspace_id uuid PRIMARY KEY,
        postback_key_hash text CONSTRAINT workspace_secrets_postback_unique UNIQUE,
        shopify_secret text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE catalog_products (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        title text NOT NULL,
        price_minor bigint,
        cost_minor bigint,
        currency char(3),
        is_deleted boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE published_targets (
        target_id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        post_id uuid NOT NULL,
        product_id uuid,
        platform text NOT NULL,
        variant text,
        published_at timestamptz,
        collected_at timestamptz,
        impressions bigint NOT NULL DEFAULT 0,
        views bigint NOT NULL DEFAULT 0,
        likes bigint NOT NULL DEFAULT 0,
        comments bigint NOT NULL DEFAULT 0,
        shares bigint NOT NULL DEFAULT 0,
        saves bigint NOT NULL DEFAULT 0,
        platform_clicks bigint NOT NULL DEFAULT 0
      )`);
    await runner.query(
      `CREATE INDEX published_targets_workspace_post ON published_targets (workspace_id, post_id)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'published_targets',
      'catalog_products',
      'workspace_secrets',
      'conversions',
      'click_rollups_daily',
      'click_rollups_hourly',
      'click_visitors',
      'clicks',
      'links',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
