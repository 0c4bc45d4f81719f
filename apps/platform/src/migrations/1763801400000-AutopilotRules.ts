import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Autopilot rules and what each did with each product, at most one run per rule and product. */
export class AutopilotRules1763801400000 implements MigrationInterface {
  name = 'AutopilotRules1763801400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE autopilot_rules (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        name text NOT NULL,
        is_enabled boolean NOT NULL,
        filter jsonb NOT NULL,
        connection_ids uuid[] NOT NULL,
        campaign_id uuid NOT NULL,
        require_review boolean NOT NULL,
        tone text NOT NULL,
        language text NOT NULL,
        copy_mode text NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query('CREATE INDEX autopilot_rules_workspace_idx ON autopilot_rules (workspace_id)');
    await runner.query(`
      CREATE TABLE autopilot_runs (
        id uuid PRIMARY KEY,
        rule_id uuid NOT NULL REFERENCES autopilot_rules (id) ON DELETE CASCADE,
        workspace_id uuid NOT NULL,
        product_id uuid NOT NULL,
        product_title text,
        outcome text NOT NULL,
        reason text,
        post_id uuid,
        scheduled_at timestamptz,
        looks integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL,
        UNIQUE (rule_id, product_id)
      )`);
    await runner.query('CREATE INDEX autopilot_runs_recent_idx ON autopilot_runs (rule_id, updated_at DESC)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE autopilot_runs');
    await runner.query('DROP TABLE autopilot_rules');
  }
}
