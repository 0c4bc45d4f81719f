import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuthSubjects } from '@app/contracts';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { type AuthTestApp, startAuthTestApp, STRONG_PASSWORD } from '../../test/auth-test-app.js';
import { SessionsPruner } from './sessions-pruner.js';

const FREE_FAILURES = 3;
const MAX_DELAY_SEC = 8;
const RESET_SEC = 600;
const WRONG_PASSWORD = 'not the password at all';

describe('Per-account sign-in backoff (real Postgres), whatever the address', () => {
  let db: TestDatabase;
  let auth: AuthTestApp;
  let nextIp = 1;

  beforeAll(async () => {
    db = await createTestDatabase('auth_backoff');
    auth = await startAuthTestApp({
      databaseUrl: db.url,
      env: {
        // The per-address lock is out of the way: every attempt comes from another address anyway.
        LOGIN_MAX_FAILURES: '100',
        LOGIN_ACCOUNT_FREE_FAILURES: String(FREE_FAILURES),
        LOGIN_ACCOUNT_MAX_DELAY_SEC: String(MAX_DELAY_SEC),
        LOGIN_ACCOUNT_RESET_SEC: String(RESET_SEC),
      },
    });
  });

  afterAll(async () => {
    await auth?.close();
    await db?.drop();
  });

  /** Every attempt from an address never used before, as a guesser with many addresses would. */
  function freshIp(): string {
    const n = nextIp++;
    return `198.51.${Math.floor(n / 250)}.${(n % 250) + 1}`;
  }

  function attempt(email: string, password: string) {
    return auth.call(AuthSubjects.login, { email, password }, { clientIp: freshIp() }).then(
      () => ({ status: 200, retryAfterSec: undefined, message: 'signed in' }),
      (error: { status: number; message: string; details?: { retryAfterSec?: number } }) => ({
        status: error.status,
        retryAfterSec: error.details?.retryAfterSec,
        message: error.message,
      }),
    );
  }

  /** The wait ends now, as if its time had passed. */
  async function endWait(email: string): Promise<void> {
    await auth.dataSource.query(
      `UPDATE login_account_backoff SET blocked_until = now() - interval '1 second' WHERE email = $1`,
      [email],
    );
  }

  async function backoffRow(email: string) {
    const rows: Array<{ failures: number; blocked_until: Date | null }> = await auth.dataSource.query(
      'SELECT failures, blocked_until FROM login_account_backoff WHERE email = $1',
      [email],
    );
    return rows[0];
  }

  it('makes each guess past the free failures wait, from one second doubling to the cap', async () => {
    const { email } = await auth.register('Target');
    for (let n = 0; n < FREE_FAILURES; n++) expect((await attempt(email, WRONG_PASSWORD)).status).toBe(401);
    // The first attempt past the allowance is still checked, and makes the next one wait.
    expect((await attempt(email, WRONG_PASSWORD)).status).toBe(401);
    const waiting = await attempt(email, STRONG_PASSWORD);
    expect(waiting).toEqual({
      status: 429,
      retryAfterSec: 1,
      message: 'This account had many failed sign-in attempts; try again in 1 second',
    });

    const waits: number[] = [];
    for (let n = 0; n < 5; n++) {
      await endWait(email);
      expect((await attempt(email, WRONG_PASSWORD)).status).toBe(401);
      waits.push((await attempt(email, WRONG_PASSWORD)).retryAfterSec ?? 0);
    }
    expect(waits).toEqual([2, 4, 8, 8, 8]);
  });

  it('neither counts nor lengthens the wait for attempts refused during it', async () => {
    const { email } = await auth.register('Patient');
    for (let n = 0; n <= FREE_FAILURES; n++) await attempt(email, WRONG_PASSWORD);
    const before = await backoffRow(email);
    for (let n = 0; n < 10; n++) expect((await attempt(email, WRONG_PASSWORD)).status).toBe(429);
    expect(await backoffRow(email)).toEqual(before);
  });

  it('lets the owner in once the wait is over, which forgets the failures', async () => {
    const { email } = await auth.register('Owner');
    for (let n = 0; n < FREE_FAILURES + 2; n++) await attempt(email, WRONG_PASSWORD);
    expect((await attempt(email, STRONG_PASSWORD)).status).toBe(429);
    await endWait(email);
    expect((await attempt(email, STRONG_PASSWORD)).status).toBe(200);
    expect(await backoffRow(email)).toBeUndefined();
    for (let n = 0; n <= FREE_FAILURES; n++) expect((await attempt(email, WRONG_PASSWORD)).status).toBe(401);
  });

  it('forgets failures after a quiet period', async () => {
    const { email } = await auth.register('Quiet');
    for (let n = 0; n < FREE_FAILURES + 3; n++) await attempt(email, WRONG_PASSWORD);
    await auth.dataSource.query(
      `UPDATE login_account_backoff SET blocked_until = now() - interval '1 second',
         last_attempt_at = now() - make_interval(secs => $2) WHERE email = $1`,
      [email, RESET_SEC + 1],
    );
    expect((await attempt(email, WRONG_PASSWORD)).status).toBe(401);
    expect(await backoffRow(email)).toMatchObject({ failures: 1, blocked_until: null });
  });

  it('lets no more than the free failures plus one of parallel guesses from many addresses through', async () => {
    const { email } = await auth.register('Burst');
    const results = await Promise.all(Array.from({ length: 12 }, () => attempt(email, WRONG_PASSWORD)));
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(FREE_FAILURES + 1);
    expect(statuses.filter((status) => status === 429)).toHaveLength(12 - FREE_FAILURES - 1);
  });

  it('slows unknown emails the same way, so the answer does not tell who has an account', async () => {
    const email = 'nobody-here@example.com';
    for (let n = 0; n <= FREE_FAILURES; n++) expect((await attempt(email, WRONG_PASSWORD)).status).toBe(401);
    expect((await attempt(email, WRONG_PASSWORD)).status).toBe(429);
  });

  it('is pruned once quiet for the reset period and not waiting, and kept otherwise', async () => {
    await auth.dataSource.query(
      `INSERT INTO login_account_backoff (email, failures, last_attempt_at, blocked_until, ticket) VALUES
         ('stale@example.com', 9, now() - make_interval(secs => $1), NULL, gen_random_uuid()),
         ('recent@example.com', 9, now(), NULL, gen_random_uuid()),
         ('waiting@example.com', 9, now() - make_interval(secs => $1), now() + interval '1 minute', gen_random_uuid())`,
      [RESET_SEC + 1],
    );
    await auth.app.get(SessionsPruner).prune();
    const left: Array<{ email: string }> = await auth.dataSource.query(
      'SELECT email FROM login_account_backoff WHERE email = ANY($1::text[]) ORDER BY email',
      [['stale@example.com', 'recent@example.com', 'waiting@example.com']],
    );
    expect(left.map((row) => row.email)).toEqual(['recent@example.com', 'waiting@example.com']);
  });
});
