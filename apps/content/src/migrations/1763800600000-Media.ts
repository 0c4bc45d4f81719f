import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Media assets of products and their derived files (master, thumbnail, platform presets). */
export class Media1763800600000 implements MigrationInterface {
  name = 'Media1763800600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE media_assets (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        product_id uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('image', 'video')),
        status text NOT NULL CHECK (status IN ('processing', 'ready', 'failed')),
        failure_reason text,
        mime_type text NOT NULL,
        bytes integer NOT NULL CHECK (bytes >= 0),
        width integer,
        height integer,
        content_hash char(64) NOT NULL,
        original_key text NOT NULL,
        position integer NOT NULL CHECK (position >= 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        -- Identical bytes in one workspace are one asset.
        CONSTRAINT media_assets_content_unique UNIQUE (workspace_id, content_hash)
      )`);
    await runner.query(
      'CREATE INDEX media_assets_product_idx ON media_assets (workspace_id, product_id, position)',
    );
    await runner.query(`
      CREATE TABLE media_variants (
        media_id uuid NOT NULL REFERENCES media_assets (id) ON DELETE CASCADE,
        name text NOT NULL,
        storage_key text NOT NULL,
        format text NOT NULL,
        width integer NOT NULL,
        height integer NOT NULL,
        bytes integer NOT NULL,
        PRIMARY KEY (media_id, name)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE media_variants');
    await runner.query('DROP TABLE media_assets');
  }
}
