import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in failures per account from every address together, so guessing one account's password from many
 * addresses slows down (exponential backoff) without a lock a stranger could hold forever.
 */
export class LoginAccountBackoff1764100100000 implements MigrationInterface {
  name = 'LoginAccountBackoff1764100100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE login_account_backoff (
        email text PRIMARY KEY,
        failures integer NOT NULL,
        last_attempt_at timestamptz NOT NULL,
        blocked_until timestamptz,
        ticket uuid NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE login_account_backoff');
  }
}
