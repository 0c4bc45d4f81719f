import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A caption variant label per target (`A`, `B` ...), which tracked links and metrics carry for experiments. */
export class TargetVariant1763801400000 implements MigrationInterface {
  name = 'TargetVariant1763801400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE post_targets ADD COLUMN variant text');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE post_targets DROP COLUMN variant');
  }
}
