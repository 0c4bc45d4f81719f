import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns that pick their bank's winning variant: the gate (`auto_winner_min_trials`, null when off), the
 * last winner named (with when, why and any undo, as JSON), and when the picker last looked.
 */
export class CampaignWinner1764100400000 implements MigrationInterface {
  name = 'CampaignWinner1764100400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE campaigns
        ADD COLUMN auto_winner_min_trials integer
          CONSTRAINT campaigns_auto_winner_min_trials_check CHECK (auto_winner_min_trials > 0),
        ADD COLUMN winner jsonb,
        ADD COLUMN winner_checked_at timestamptz`);
    await runner.query(`
      CREATE INDEX campaigns_winner_due_idx ON campaigns (winner_checked_at NULLS FIRST)
      WHERE status = 'active' AND auto_winner_min_trials IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX campaigns_winner_due_idx');
    await runner.query(
      'ALTER TABLE campaigns DROP COLUMN auto_winner_min_trials, DROP COLUMN winner, DROP COLUMN winner_checked_at',
    );
  }
}
