import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Image URLs of imported rows (one row per product and URL, so a re-import queues nothing) and import warnings. */
export class ImportImages1763800900000 implements MigrationInterface {
  name = 'ImportImages1763800900000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE imports ADD COLUMN warnings jsonb NOT NULL DEFAULT '[]'`);
    await runner.query(`
      CREATE TABLE product_image_sources (
        workspace_id uuid NOT NULL,
        product_id uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        url text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
        media_id uuid REFERENCES media_assets (id) ON DELETE SET NULL,
        failure_reason text,
        import_id uuid REFERENCES imports (id) ON DELETE SET NULL,
        line integer,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        -- A URL already seen for a product is never fetched again by an import.
        CONSTRAINT product_image_sources_pkey PRIMARY KEY (workspace_id, product_id, url)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE product_image_sources');
    await runner.query('ALTER TABLE imports DROP COLUMN warnings');
  }
}
