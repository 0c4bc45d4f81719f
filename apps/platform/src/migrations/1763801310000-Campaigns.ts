import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Campaigns (a posting schedule over some connections) and the posts that belong to one. */
export class Campaigns1763801310000 implements MigrationInterface {
  name = 'Campaigns1763801310000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        name text NOT NULL,
        tags text[] NOT NULL DEFAULT '{}',
        connection_ids uuid[] NOT NULL,
        timezone text NOT NULL,
        days text[] NOT NULL,
        times text[] NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query('CREATE INDEX campaigns_workspace_idx ON campaigns (workspace_id, created_at DESC)');
    await runner.query('ALTER TABLE posts ADD COLUMN campaign_id uuid REFERENCES campaigns (id)');
    await runner.query(
      'CREATE INDEX posts_campaign_slot_idx ON posts (campaign_id, scheduled_at) WHERE campaign_id IS NOT NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX posts_campaign_slot_idx');
    await runner.query('ALTER TABLE posts DROP COLUMN campaign_id');
    await runner.query('DROP TABLE campaigns');
  }
}
