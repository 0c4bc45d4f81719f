import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The product catalog: one row per product, always read and written with its workspace_id. */
export class Products1763800200000 implements MigrationInterface {
  name = 'Products1763800200000';

  async up(runner: QueryRunner): Promise<void> {
    // Lower-cased tags for case-insensitive tag filters through a GIN index, while the column keeps the
    // user's spelling. A SQL-standard body is bound at creation, so the index never depends on search_path.
    await runner.query(`
      CREATE FUNCTION tag_keys(tags text[]) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN ARRAY(SELECT lower(tag) FROM unnest(tags) AS tag)`);
    await runner.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        title varchar(200) NOT NULL CHECK (char_length(title) > 0),
        description text,
        price_minor integer CHECK (price_minor >= 0),
        currency varchar(3) CHECK (currency ~ '^[A-Z]{3}$'),
        cost_minor integer CHECK (cost_minor >= 0),
        commission_rate numeric(5,2) CHECK (commission_rate BETWEEN 0 AND 100),
        category varchar(100),
        tags text[] NOT NULL DEFAULT '{}',
        destination_url text,
        external_id varchar(200),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
        search tsvector GENERATED ALWAYS AS (
          to_tsvector('simple', title || ' ' || coalesce(description, ''))
        ) STORED,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT products_currency_required
          CHECK (currency IS NOT NULL OR (price_minor IS NULL AND cost_minor IS NULL)),
        CONSTRAINT products_external_id_unique UNIQUE (workspace_id, external_id)
      )`);
    // Serves every list: the workspace's products newest first, and the keyset cursor after a page.
    await runner.query(
      'CREATE INDEX products_workspace_created_idx ON products (workspace_id, created_at DESC, id DESC)',
    );
    await runner.query('CREATE INDEX products_tag_keys_idx ON products USING gin (tag_keys(tags))');
    await runner.query('CREATE INDEX products_search_idx ON products USING gin (search)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE products');
    await runner.query('DROP FUNCTION tag_keys(text[])');
  }
}
