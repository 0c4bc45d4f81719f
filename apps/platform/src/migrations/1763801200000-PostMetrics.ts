import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The latest platform counters of each published target, and whether polling them has stopped. */
export class PostMetrics1763801200000 implements MigrationInterface {
  name = 'PostMetrics1763801200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE post_metrics (
        target_id uuid PRIMARY KEY REFERENCES post_targets (id) ON DELETE CASCADE,
        workspace_id uuid NOT NULL,
        post_id uuid NOT NULL,
        platform text NOT NULL,
        impressions bigint NOT NULL DEFAULT 0,
        views bigint NOT NULL DEFAULT 0,
        likes bigint NOT NULL DEFAULT 0,
        comments bigint NOT NULL DEFAULT 0,
        shares bigint NOT NULL DEFAULT 0,
        saves bigint NOT NULL DEFAULT 0,
        clicks bigint NOT NULL DEFAULT 0,
        collected_at timestamptz,
        polling_stopped_at timestamptz,
        polling_stopped_reason text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX post_metrics_workspace_post ON post_metrics (workspace_id, post_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE post_metrics');
  }
}
