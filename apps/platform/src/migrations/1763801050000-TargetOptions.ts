import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Platform-specific choices per target (Pinterest board, TikTok privacy level, ...). */
export class TargetOptions1763801050000 implements MigrationInterface {
  name = 'TargetOptions1763801050000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE post_targets ADD COLUMN options jsonb NOT NULL DEFAULT '{}'::jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE post_targets DROP COLUMN options');
  }
}
