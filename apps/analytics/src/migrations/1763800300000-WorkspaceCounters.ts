import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-workspace counters, a read model built from auth and content events. */
export class WorkspaceCounters1763800300000 implements MigrationInterface {
  name = 'WorkspaceCounters1763800300000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE workspace_counters (
        workspace_id uuid PRIMARY KEY,
        products integer NOT NULL DEFAULT 0 CHECK (products >= 0),
        registered_users integer NOT NULL DEFAULT 0 CHECK (registered_users >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE workspace_counters');
  }
}
