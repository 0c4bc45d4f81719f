import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the relay tries an outbox row again after a consumer failed on it: such a row waits (backing off) while
 * the rows after it are published, so one bad event does not hold back the rest of a service's events.
 */
export class OutboxRetries1764000000000 implements MigrationInterface {
  name = 'OutboxRetries1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE outbox ADD COLUMN next_attempt_at timestamptz');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE outbox DROP COLUMN next_attempt_at');
  }
}
