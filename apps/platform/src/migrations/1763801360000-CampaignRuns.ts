import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns that run for weeks: a status (existing campaigns are active), an end, a bank of copy templates
 * and products with its rotation settings, and one row per slot the bank filled, keyed by campaign,
 * connection and slot time so that a slot is never filled twice.
 */
export class CampaignRuns1763801360000 implements MigrationInterface {
  name = 'CampaignRuns1763801360000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE campaigns
        ADD COLUMN status text NOT NULL DEFAULT 'active'
          CONSTRAINT campaigns_status_check CHECK (status IN ('active', 'paused', 'completed')),
        ADD COLUMN ends_at timestamptz,
        ADD COLUMN templates jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN product_ids uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN fill_ahead_days integer NOT NULL DEFAULT 7,
        ADD COLUMN min_gap_hours integer NOT NULL DEFAULT 24,
        ADD COLUMN when_bank_used_up text NOT NULL DEFAULT 'repeat'
          CONSTRAINT campaigns_when_bank_used_up_check CHECK (when_bank_used_up IN ('repeat', 'stop')),
        ADD COLUMN filled_until timestamptz,
        ADD COLUMN bank_used_up_at timestamptz`);
    await runner.query(
      "CREATE INDEX campaigns_running_idx ON campaigns (filled_until NULLS FIRST) WHERE status = 'active'",
    );
    await runner.query(`
      CREATE TABLE campaign_slots (
        campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        connection_id uuid NOT NULL,
        slot_at timestamptz NOT NULL,
        post_id uuid,
        product_id uuid NOT NULL,
        variant text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, connection_id, slot_at)
      )`);
    await runner.query('CREATE INDEX campaign_slots_post_idx ON campaign_slots (post_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE campaign_slots');
    await runner.query('DROP INDEX campaigns_running_idx');
    await runner.query(`
      ALTER TABLE campaigns
        DROP COLUMN status, DROP COLUMN ends_at, DROP COLUMN templates, DROP COLUMN product_ids,
        DROP COLUMN fill_ahead_days, DROP COLUMN min_gap_hours, DROP COLUMN when_bank_used_up,
        DROP COLUMN filled_until, DROP COLUMN bank_used_up_at`);
  }
}
