import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Catalog imports: one row per file, with its running counts and rejected rows. */
export class Imports1763800700000 implements MigrationInterface {
  name = 'Imports1763800700000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE imports (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        created_by uuid NOT NULL,
        correlation_id text,
        status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
        format text NOT NULL CHECK (format IN ('csv', 'json')),
        file_name text,
        source_key text NOT NULL,
        options jsonb NOT NULL,
        processed_rows integer NOT NULL DEFAULT 0,
        created integer NOT NULL DEFAULT 0,
        updated integer NOT NULL DEFAULT 0,
        unchanged integer NOT NULL DEFAULT 0,
        skipped integer NOT NULL DEFAULT 0,
        rejected integer NOT NULL DEFAULT 0,
        rejected_rows jsonb NOT NULL DEFAULT '[]',
        error jsonb,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        finished_at timestamptz(3)
      )`);
    await runner.query('CREATE INDEX imports_workspace_idx ON imports (workspace_id, created_at DESC)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE imports');
  }
}
