import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Product videos: one render job each, with its outputs (media assets of kind video). */
export class Videos1763801000000 implements MigrationInterface {
  name = 'Videos1763801000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE videos (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        product_id uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        template text NOT NULL CHECK (template IN ('showcase', 'carousel', 'price_drop')),
        duration_sec integer NOT NULL CHECK (duration_sec BETWEEN 6 AND 60),
        formats text[] NOT NULL,
        image_ids uuid[] NOT NULL,
        texts jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'rendering', 'ready', 'failed')),
        progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        failure_reason text,
        outputs jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX videos_product_idx ON videos (workspace_id, product_id, created_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE videos');
  }
}
