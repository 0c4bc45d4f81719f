import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-workspace publishing settings (the review gate); a workspace without a row uses the defaults. */
export class PublishingSettings1763800510000 implements MigrationInterface {
  name = 'PublishingSettings1763800510000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE publishing_settings (
        workspace_id uuid PRIMARY KEY,
        require_review boolean NOT NULL DEFAULT false,
        updated_by uuid NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE publishing_settings');
  }
}
