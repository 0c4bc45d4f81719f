import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A post target may name the copy variant its text is (a campaign template's label, an imported row's
 * variant). IF NOT EXISTS: more than one feature brings this same nullable column.
 */
export class TargetVariant1763801350000 implements MigrationInterface {
  name = 'TargetVariant1763801350000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE post_targets ADD COLUMN IF NOT EXISTS variant text');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE post_targets DROP COLUMN IF EXISTS variant');
  }
}
