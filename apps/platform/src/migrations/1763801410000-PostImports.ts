import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk post imports with their progress and report; and targets by connection, which an import reads to plan
 * next free times and to find posts already scheduled.
 */
export class PostImports1763801410000 implements MigrationInterface {
  name = 'PostImports1763801410000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE post_imports (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        created_by uuid NOT NULL,
        role text NOT NULL,
        correlation_id text,
        status text NOT NULL,
        stage text NOT NULL,
        dry_run boolean NOT NULL,
        format text NOT NULL,
        file_name text,
        source_key text NOT NULL,
        processed_rows integer NOT NULL DEFAULT 0,
        valid integer NOT NULL DEFAULT 0,
        created integer NOT NULL DEFAULT 0,
        rejected integer NOT NULL DEFAULT 0,
        rejected_rows jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_posts jsonb NOT NULL DEFAULT '[]'::jsonb,
        error jsonb,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        finished_at timestamptz(3)
      )`);
    await runner.query(
      'CREATE INDEX post_imports_workspace_idx ON post_imports (workspace_id, created_at DESC)',
    );
    await runner.query('CREATE INDEX post_targets_connection_idx ON post_targets (connection_id, status)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX post_targets_connection_idx');
    await runner.query('DROP TABLE post_imports');
  }
}
