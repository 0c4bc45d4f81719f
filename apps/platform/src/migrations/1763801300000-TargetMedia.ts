import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Media assets chosen by id per target, with their URLs as resolved at the last edit. */
export class TargetMedia1763801300000 implements MigrationInterface {
  name = 'TargetMedia1763801300000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE post_targets ADD COLUMN media_ids uuid[] NOT NULL DEFAULT '{}'`);
    await runner.query(`ALTER TABLE post_targets ADD COLUMN media jsonb NOT NULL DEFAULT '[]'::jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE post_targets DROP COLUMN media');
    await runner.query('ALTER TABLE post_targets DROP COLUMN media_ids');
  }
}
