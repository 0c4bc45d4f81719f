import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbound webhooks of a workspace and every delivery attempt to them. */
export class Webhooks1763801320000 implements MigrationInterface {
  name = 'Webhooks1763801320000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE webhooks (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        url text NOT NULL,
        events text[] NOT NULL,
        signing_secret_enc text NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await runner.query('CREATE INDEX webhooks_workspace_idx ON webhooks (workspace_id)');
    await runner.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY,
        webhook_id uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
        workspace_id uuid NOT NULL,
        event_id uuid NOT NULL,
        event text NOT NULL,
        attempt integer NOT NULL,
        status text NOT NULL,
        response_status integer,
        duration_ms integer NOT NULL,
        error text,
        next_retry_at timestamptz,
        attempted_at timestamptz NOT NULL,
        UNIQUE (webhook_id, event_id, attempt)
      )`);
    await runner.query(
      'CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (webhook_id, attempted_at DESC)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE webhook_deliveries');
    await runner.query('DROP TABLE webhooks');
  }
}
