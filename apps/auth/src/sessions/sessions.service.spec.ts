import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuthSubjects, type TokenPairView } from '@app/contracts';
import { parseOptions } from '@node-rs/argon2';
import { InProcessBus } from '@app/messaging';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { testConfig } from '../../../../test/support/test-config.js';
import {
  type AuthTestApp,
  principalOf,
  type Session,
  startAuthTestApp,
  STRONG_PASSWORD,
  uniqueEmail,
} from '../../test/auth-test-app.js';
import { PasswordHasher } from '../accounts/password.hasher.js';
import { SessionsPruner } from './sessions-pruner.js';

/** The real hasher, recording which hashes it verified against. */
class RecordingHasher extends PasswordHasher {
  readonly verifiedHashes: string[] = [];

  override verify(passwordHash: string, password: string): Promise<boolean> {
    this.verifiedHashes.push(passwordHash);
    return super.verify(passwordHash, password);
  }
}

const MAX_FAILURES = 3;
const LOCK_SEC = 600;
const WRONG_PASSWORD = 'not the password at all';

describe('SessionsService (real Postgres, two replicas)', () => {
  let db: TestDatabase;
  let auth: AuthTestApp;
  let replica: AuthTestApp;
  let nextIp = 1;

  beforeAll(async () => {
    db = await createTestDatabase('auth_sessions');
    const bus = new InProcessBus();
    const env = { LOGIN_MAX_FAILURES: String(MAX_FAILURES), LOGIN_LOCK_SEC: String(LOCK_SEC) };
    // Two auth replicas on one bus and one database: requests alternate between them.
    auth = await startAuthTestApp({ databaseUrl: db.url, bus, env });
    replica = await startAuthTestApp({ databaseUrl: db.url, bus, env, mail: auth.mail });
  });

  afterAll(async () => {
    await replica?.close();
    await auth?.close();
    await db?.drop();
  });

  /** Each test signs in from its own address, so throttling in one test never leaks into another. */
  function freshIp(): string {
    return `203.0.113.${nextIp++}`;
  }

  function login(email: string, password: string, clientIp: string): Promise<TokenPairView> {
    return auth.call(AuthSubjects.login, { email, password }, { clientIp });
  }

  function loginFailure(email: string, password: string, clientIp: string) {
    return auth.failure(AuthSubjects.login, { email, password }, { clientIp });
  }

  function refresh(refreshToken: string): Promise<TokenPairView> {
    return auth.call(AuthSubjects.refresh, { refreshToken });
  }

  describe('login', () => {
    it('signs in with any case of the email, into the oldest workspace', async () => {
      const session = await auth.register('Ada');
      await auth.call(AuthSubjects.createWorkspace, { name: 'Later shop' }, { principal: session.principal });

      const pair = await login(session.email.toUpperCase(), STRONG_PASSWORD, freshIp());
      expect(pair).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
      expect(principalOf(pair.accessToken)).toEqual(session.principal);
      expect(pair.refreshToken).not.toBe(session.refreshToken);
    });

    it('gives someone removed from every workspace a fresh one of their own', async () => {
      const loner = await auth.register('Loner');
      const heir = await auth.register('Heir');
      await auth.join(loner.principal, heir, 'owner');
      const heirThere = { userId: heir.userId, workspaceId: loner.workspaceId, role: 'owner' as const };
      await auth.call(AuthSubjects.removeMember, { userId: loner.userId }, { principal: heirThere });

      const pair = await login(loner.email, STRONG_PASSWORD, freshIp());
      const principal = principalOf(pair.accessToken);
      expect(principal).toMatchObject({ userId: loner.userId, role: 'owner' });
      expect(principal.workspaceId).not.toBe(loner.workspaceId);
      const me = await auth.call(AuthSubjects.me, {}, { principal });
      expect(me.workspace).toEqual({ id: principal.workspaceId, name: "Loner's workspace" });
      const events: unknown[] = await auth.dataSource.query(
        `SELECT 1 FROM outbox WHERE subject = 'auth.workspace.created' AND workspace_id = $1`,
        [principal.workspaceId],
      );
      expect(events).toHaveLength(1);
    });

    it('gives the same 401 for a wrong password and an unknown email', async () => {
      const session = await auth.register('Cred');
      const wrong = await loginFailure(session.email, WRONG_PASSWORD, freshIp());
      const unknown = await loginFailure(uniqueEmail('nobody'), STRONG_PASSWORD, freshIp());
      expect(wrong).toMatchObject({
        status: 401,
        code: 'unauthorized',
        message: 'Email or password is incorrect',
      });
      expect(unknown.toBody()).toEqual(wrong.toBody());
    });

    it('runs an argon2id verification for an unknown email too, so timing does not reveal accounts', async () => {
      const hasher = new RecordingHasher(testConfig());
      const spied = await startAuthTestApp({
        databaseUrl: db.url,
        override: (builder) => builder.overrideProvider(PasswordHasher).useValue(hasher),
      });
      try {
        const session = await spied.register('Timing');
        hasher.verifiedHashes.length = 0;
        await spied.failure(
          AuthSubjects.login,
          { email: session.email, password: WRONG_PASSWORD },
          { clientIp: freshIp() },
        );
        await spied.failure(
          AuthSubjects.login,
          { email: uniqueEmail('x'), password: WRONG_PASSWORD },
          { clientIp: freshIp() },
        );
        expect(hasher.verifiedHashes).toHaveLength(2);
        const [known, unknown] = hasher.verifiedHashes;
        expect(unknown).toMatch(/^\$argon2id\$/);
        expect(parseOptions(unknown)).toEqual(parseOptions(known));
        expect(unknown).not.toBe(known);
      } finally {
        await spied.close();
      }
    });

    it('locks sign-in after too many failures, even with the right password, per email and address', async () => {
      const session = await auth.register('Locked');
      const ip = freshIp();
      for (let attempt = 0; attempt < MAX_FAILURES; attempt++) {
        expect(await loginFailure(session.email, WRONG_PASSWORD, ip)).toMatchObject({ status: 401 });
      }
      const locked = await loginFailure(session.email, STRONG_PASSWORD, ip);
      expect(locked).toMatchObject({ status: 429, code: 'rate_limited' });
      expect(locked.details?.retryAfterSec).toBeGreaterThan(LOCK_SEC - 10);
      expect(locked.details?.retryAfterSec).toBeLessThanOrEqual(LOCK_SEC);
      expect(locked.message).toMatch(/try again in 10 minutes/);

      expect(await loginFailure(session.email.toUpperCase(), STRONG_PASSWORD, ip)).toMatchObject({
        status: 429,
      });
      // Another address, or another email from this address, is not locked.
      await expect(login(session.email, STRONG_PASSWORD, freshIp())).resolves.toMatchObject({
        tokenType: 'Bearer',
      });
      const other = await auth.register('Neighbour');
      await expect(login(other.email, STRONG_PASSWORD, ip)).resolves.toMatchObject({ tokenType: 'Bearer' });
    });

    it('lets the right password in again once the lock has expired', async () => {
      const session = await auth.register('Expired');
      const ip = freshIp();
      for (let attempt = 0; attempt <= MAX_FAILURES; attempt++)
        await loginFailure(session.email, WRONG_PASSWORD, ip);
      expect(await loginFailure(session.email, STRONG_PASSWORD, ip)).toMatchObject({ status: 429 });

      await auth.dataSource.query(
        `UPDATE login_failures SET locked_until = now() - interval '1 second',
           window_started_at = now() - interval '2 hours' WHERE email = $1 AND client_ip = $2`,
        [session.email, ip],
      );
      await expect(login(session.email, STRONG_PASSWORD, ip)).resolves.toMatchObject({ tokenType: 'Bearer' });
    });

    it('forgets earlier failures after a successful sign-in', async () => {
      const session = await auth.register('Reset');
      const ip = freshIp();
      for (let attempt = 0; attempt < MAX_FAILURES - 1; attempt++) {
        await loginFailure(session.email, WRONG_PASSWORD, ip);
      }
      await login(session.email, STRONG_PASSWORD, ip);
      for (let attempt = 0; attempt < MAX_FAILURES; attempt++) {
        expect(await loginFailure(session.email, WRONG_PASSWORD, ip)).toMatchObject({ status: 401 });
      }
      expect(await loginFailure(session.email, WRONG_PASSWORD, ip)).toMatchObject({ status: 429 });
    });

    it('counts unknown emails too', async () => {
      const email = uniqueEmail('ghost');
      const ip = freshIp();
      for (let attempt = 0; attempt < MAX_FAILURES; attempt++) await loginFailure(email, WRONG_PASSWORD, ip);
      expect(await loginFailure(email, WRONG_PASSWORD, ip)).toMatchObject({ status: 429 });
    });

    it('lets no more than the limit of parallel guesses reach the password check', async () => {
      const session = await auth.register('Burst');
      const ip = freshIp();
      const results = await Promise.all(
        Array.from({ length: 12 }, () => loginFailure(session.email, WRONG_PASSWORD, ip)),
      );
      const statuses = results.map((error) => error.status);
      expect(statuses.filter((status) => status === 401)).toHaveLength(MAX_FAILURES);
      expect(statuses.filter((status) => status === 429)).toHaveLength(12 - MAX_FAILURES);
    });
  });

  describe('refresh', () => {
    it('rotates: a new pair with the current role, and the old token stops working', async () => {
      const session = await auth.register('Rotate');
      const next = await refresh(session.refreshToken);
      expect(next.refreshToken).not.toBe(session.refreshToken);
      expect(principalOf(next.accessToken)).toEqual(session.principal);
      const third = await refresh(next.refreshToken);
      expect(third.refreshToken).not.toBe(next.refreshToken);
      expect(await auth.failure(AuthSubjects.refresh, { refreshToken: next.refreshToken })).toMatchObject({
        status: 401,
      });
    });

    it('revokes the whole family when a used token is presented again', async () => {
      const session = await auth.register('Theft');
      const next = await refresh(session.refreshToken);
      const reuse = await auth.failure(AuthSubjects.refresh, { refreshToken: session.refreshToken });
      expect(reuse).toMatchObject({ status: 401, code: 'unauthorized' });
      expect(await auth.failure(AuthSubjects.refresh, { refreshToken: next.refreshToken })).toMatchObject({
        status: 401,
      });
    });

    it('lets exactly one of several simultaneous refreshes of one token win', async () => {
      const session = await auth.register('Race');
      const attempts = await Promise.allSettled(
        Array.from({ length: 6 }, () => refresh(session.refreshToken)),
      );
      const winners = attempts.filter((attempt) => attempt.status === 'fulfilled');
      expect(winners).toHaveLength(1);
      for (const attempt of attempts.filter((a) => a.status === 'rejected')) {
        expect(attempt).toMatchObject({ reason: { status: 401 } });
      }
      const [{ count }]: Array<{ count: number }> = await auth.dataSource.query(
        'SELECT count(*)::int AS count FROM refresh_tokens WHERE user_id = $1',
        [session.userId],
      );
      expect(count).toBe(2);
    });

    it('refuses unknown, expired and revoked tokens', async () => {
      expect(await auth.failure(AuthSubjects.refresh, { refreshToken: 'x'.repeat(43) })).toMatchObject({
        status: 401,
      });

      const expiring = await auth.register('Expiring');
      await auth.dataSource.query(
        `UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
        [expiring.userId],
      );
      expect(await auth.failure(AuthSubjects.refresh, { refreshToken: expiring.refreshToken })).toMatchObject(
        {
          status: 401,
        },
      );

      const revoked = await auth.register('Revoked');
      await auth.call(AuthSubjects.logout, { refreshToken: revoked.refreshToken });
      expect(await auth.failure(AuthSubjects.refresh, { refreshToken: revoked.refreshToken })).toMatchObject({
        status: 401,
      });
    });

    it('refuses a malformed request with 400', async () => {
      expect(await auth.failure(AuthSubjects.refresh, { refreshToken: 'short' })).toMatchObject({
        status: 400,
      });
    });

    it('carries the role as changed since, and stops once the membership is gone', async () => {
      const owner = await auth.register('Owner');
      const member = await auth.register('Member');
      await auth.join(owner.principal, member, 'editor');
      const inShop = await auth.call(
        AuthSubjects.switchWorkspace,
        { workspaceId: owner.workspaceId },
        { principal: member.principal },
      );
      await auth.call(
        AuthSubjects.updateMember,
        { userId: member.userId, role: 'admin' },
        { principal: owner.principal },
      );
      const promoted = await refresh(inShop.refreshToken);
      expect(principalOf(promoted.accessToken)).toMatchObject({
        workspaceId: owner.workspaceId,
        role: 'admin',
      });

      await auth.call(AuthSubjects.removeMember, { userId: member.userId }, { principal: owner.principal });
      expect(await auth.failure(AuthSubjects.refresh, { refreshToken: promoted.refreshToken })).toMatchObject(
        {
          status: 401,
        },
      );
      // Their session in their own workspace is untouched.
      await expect(refresh(member.refreshToken)).resolves.toMatchObject({ tokenType: 'Bearer' });
    });
  });

  describe('logout', () => {
    it('revokes the family of the token, and only that family', async () => {
      const session = await auth.register('Bye');
      const rotated = await refresh(session.refreshToken);
      const otherDevice = await login(session.email, STRONG_PASSWORD, freshIp());

      expect(await auth.call(AuthSubjects.logout, { refreshToken: rotated.refreshToken })).toEqual({
        revoked: true,
      });
      expect(await auth.failure(AuthSubjects.refresh, { refreshToken: rotated.refreshToken })).toMatchObject({
        status: 401,
      });
      await expect(refresh(otherDevice.refreshToken)).resolves.toMatchObject({ tokenType: 'Bearer' });
    });

    it('answers revoked: false for an unknown token, without an error', async () => {
      expect(await auth.call(AuthSubjects.logout, { refreshToken: 'y'.repeat(43) })).toEqual({
        revoked: false,
      });
    });
  });

  describe('switch', () => {
    let owner: Session;
    let secondId: string;

    beforeAll(async () => {
      owner = await auth.register('Multi');
      const second = await auth.call(
        AuthSubjects.createWorkspace,
        { name: 'Second shop' },
        { principal: owner.principal },
      );
      secondId = second.id;
    });

    it('issues a pair scoped to another workspace of the caller, as a new family', async () => {
      const switched = await auth.call(
        AuthSubjects.switchWorkspace,
        { workspaceId: secondId },
        { principal: owner.principal },
      );
      expect(principalOf(switched.accessToken)).toEqual({ ...owner.principal, workspaceId: secondId });
      const me = await auth.call(AuthSubjects.me, {}, { principal: principalOf(switched.accessToken) });
      expect(me.workspace).toEqual({ id: secondId, name: 'Second shop' });

      await auth.call(AuthSubjects.logout, { refreshToken: switched.refreshToken });
      await expect(refresh(owner.refreshToken)).resolves.toMatchObject({ tokenType: 'Bearer' });
    });

    it('is 404 for a workspace the caller does not belong to, and 401 without a principal', async () => {
      const stranger = await auth.register('Stranger');
      const denied = await auth.failure(
        AuthSubjects.switchWorkspace,
        { workspaceId: secondId },
        { principal: stranger.principal },
      );
      expect(denied).toMatchObject({ status: 404, message: 'Workspace not found' });
      expect(await auth.failure(AuthSubjects.switchWorkspace, { workspaceId: secondId })).toMatchObject({
        status: 401,
      });
    });
  });

  describe('pruning', () => {
    it('deletes expired refresh tokens and finished throttle rows, and keeps live ones', async () => {
      const expired = await auth.register('Pruned');
      const live = await auth.register('Kept');
      await auth.dataSource.query(
        `UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
        [expired.userId],
      );
      const lockedIp = freshIp();
      const windowIp = freshIp();
      const oldIp = freshIp();
      await auth.dataSource.query(
        `INSERT INTO login_failures (email, client_ip, failures, window_started_at, locked_until) VALUES
           ('locked@example.com', $1, 4, now() - interval '1 hour', now() + interval '5 minutes'),
           ('window@example.com', $2, 1, now() - interval '1 minute', NULL),
           ('old@example.com', $3, 2, now() - interval '1 hour', now() - interval '1 minute')`,
        [lockedIp, windowIp, oldIp],
      );

      expect(await auth.app.get(SessionsPruner).prune()).toBeGreaterThanOrEqual(2);

      const tokens = await auth.dataSource.query<Array<{ user_id: string }>>(
        'SELECT user_id FROM refresh_tokens WHERE user_id = ANY($1::uuid[])',
        [[expired.userId, live.userId]],
      );
      expect(tokens.map((row) => row.user_id)).toEqual([live.userId]);
      const throttles = await auth.dataSource.query<Array<{ email: string }>>(
        'SELECT email FROM login_failures WHERE client_ip = ANY($1::text[]) ORDER BY email',
        [[lockedIp, windowIp, oldIp]],
      );
      expect(throttles.map((row) => row.email)).toEqual(['locked@example.com', 'window@example.com']);
      expect((await refresh(live.refreshToken)).accessToken).toEqual(expect.any(String));
    });
  });
});
