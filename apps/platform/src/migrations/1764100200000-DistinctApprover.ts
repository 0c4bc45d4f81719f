import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A workspace can require that a post is approved by someone other than its creator. */
export class DistinctApprover1764100200000 implements MigrationInterface {
  name = 'DistinctApprover1764100200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE publishing_settings ADD COLUMN require_distinct_approver boolean NOT NULL DEFAULT false',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE publishing_settings DROP COLUMN require_distinct_approver');
  }
}
