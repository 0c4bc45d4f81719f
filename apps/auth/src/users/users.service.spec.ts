import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import {
  AuthSubjects,
  type EventEnvelope,
  EventSubjects,
  type EventPayload,
  type EventSubject,
} from '@app/contracts';
import { TransactionHost } from '@app/database';
import { Outbox, type EventOrigin } from '@app/messaging';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { AUTH_SCHEMA } from '../auth.module.js';
import {
  type AuthTestApp,
  principalOf,
  startAuthTestApp,
  STRONG_PASSWORD,
  uniqueEmail,
} from '../../test/auth-test-app.js';
import { assertStrongPassword } from './password.policy.js';

/** An outbox that cannot record `auth.user.registered`, to show that registration is all-or-nothing. */
class FailingOutbox extends Outbox {
  override async add<S extends EventSubject>(
    subject: S,
    data: EventPayload<S>,
    origin: EventOrigin,
  ): Promise<EventEnvelope<EventPayload<S>>> {
    if (subject === EventSubjects.userRegistered) throw new Error(`outbox unavailable for ${subject}`);
    return super.add(subject, data, origin);
  }
}

describe('UsersService (real Postgres)', () => {
  let db: TestDatabase;
  let auth: AuthTestApp;

  beforeAll(async () => {
    db = await createTestDatabase('auth_users');
    auth = await startAuthTestApp({ databaseUrl: db.url });
  });

  afterAll(async () => {
    await auth?.close();
    await db?.drop();
  });

  async function countUsers(email: string): Promise<number> {
    const rows: Array<{ count: number }> = await auth.dataSource.query(
      'SELECT count(*)::int AS count FROM users WHERE lower(email) = lower($1)',
      [email],
    );
    return rows[0].count;
  }

  describe('register', () => {
    it('creates the user and a workspace they own, and signs them in', async () => {
      const email = uniqueEmail('Ada');
      const result = await auth.call(AuthSubjects.register, {
        email: `  ${email.toUpperCase()} `,
        password: STRONG_PASSWORD,
        name: 'Ada',
      });

      expect(result.user).toEqual({ id: expect.any(String), email, name: 'Ada', emailVerified: false });
      expect(result.workspace).toEqual({ id: expect.any(String), name: "Ada's workspace" });
      expect(result).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
      expect(result.refreshToken).toMatch(/^[A-Za-z0-9_-]{43,}$/);
      expect(principalOf(result.accessToken)).toEqual({
        userId: result.user.id,
        workspaceId: result.workspace.id,
        role: 'owner',
      });
      const me = await auth.call(AuthSubjects.me, {}, { principal: principalOf(result.accessToken) });
      expect(me).toEqual({ user: result.user, workspace: result.workspace, role: 'owner' });
    });

    it('uses the workspace name given at sign-up', async () => {
      const session = await auth.register('Grace', 'Grace Ceramics');
      expect(session.result.workspace.name).toBe('Grace Ceramics');
    });

    it('stores an argon2id hash, never the password, and only the SHA-256 of the refresh token', async () => {
      const session = await auth.register('Hash');
      const [user]: Array<{ password_hash: string }> = await auth.dataSource.query(
        'SELECT password_hash FROM users WHERE id = $1',
        [session.userId],
      );
      expect(user.password_hash).toMatch(/^\$argon2id\$/);
      expect(user.password_hash).not.toContain(STRONG_PASSWORD);

      const tokens: Array<{ token_hash: string }> = await auth.dataSource.query(
        'SELECT token_hash FROM refresh_tokens WHERE user_id = $1',
        [session.userId],
      );
      const sha256 = createHash('sha256').update(session.refreshToken).digest('hex');
      expect(tokens).toEqual([{ token_hash: sha256 }]);
    });

    it('refuses an email that is already registered, whatever its case', async () => {
      const session = await auth.register('Dup');
      const duplicate = await auth.failure(AuthSubjects.register, {
        email: session.email.toUpperCase(),
        password: STRONG_PASSWORD,
        name: 'Dup again',
      });
      expect(duplicate).toMatchObject({ status: 409, code: 'conflict' });
      expect(await countUsers(session.email)).toBe(1);
    });

    it('lets exactly one of two simultaneous sign-ups with one email through', async () => {
      const email = uniqueEmail('race');
      const attempts = await Promise.allSettled(
        [email, email.toUpperCase()].map((address) =>
          auth.call(AuthSubjects.register, { email: address, password: STRONG_PASSWORD, name: 'Race' }),
        ),
      );
      expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
      expect(attempts.find((attempt) => attempt.status === 'rejected')).toMatchObject({
        reason: { status: 409 },
      });
      expect(await countUsers(email)).toBe(1);
    });

    it('refuses a password shorter than 10 characters', async () => {
      const email = uniqueEmail('short');
      const error = await auth.failure(AuthSubjects.register, { email, password: 'short', name: 'S' });
      expect(error).toMatchObject({ status: 400, code: 'invalid' });
      expect(error.message).toMatch(/at least 10 characters/);
      expect(await countUsers(email)).toBe(0);
    });

    it.each(['password123', 'PassWord123', 'QWERTYUIOP', '1234567890'])(
      'refuses the common password %s, whatever its case',
      async (password) => {
        const email = uniqueEmail('common');
        const error = await auth.failure(AuthSubjects.register, { email, password, name: 'C' });
        expect(error).toMatchObject({ status: 400, code: 'invalid' });
        expect(error.message).toBe('This password is too common; choose one that is harder to guess');
        expect(await countUsers(email)).toBe(0);
      },
    );

    it('checks strength itself, not only through the request contract', () => {
      expect(() => assertStrongPassword('abc')).toThrow(/at least 10 characters/);
      expect(() => assertStrongPassword('Basketball')).toThrow(/too common/);
      expect(() => assertStrongPassword('plum tea at nine')).not.toThrow();
    });

    it('refuses malformed sign-up requests with 400', async () => {
      const error = await auth.failure(AuthSubjects.register, {
        email: 'not-an-email',
        password: STRONG_PASSWORD,
        name: 'X',
      });
      expect(error).toMatchObject({ status: 400, message: 'email must be a valid email address' });
    });
  });

  describe('events', () => {
    it('records auth.user.registered and auth.workspace.created in the outbox', async () => {
      const session = await auth.register('Evt');
      const rows: Array<{ subject: string; workspace_id: string; payload: Record<string, unknown> }> =
        await auth.dataSource.query(
          `SELECT subject, workspace_id, payload FROM outbox WHERE workspace_id = $1 ORDER BY seq`,
          [session.workspaceId],
        );
      expect(rows).toEqual([
        {
          subject: 'auth.workspace.created',
          workspace_id: session.workspaceId,
          payload: { workspaceId: session.workspaceId, name: "Evt's workspace", ownerId: session.userId },
        },
        {
          subject: 'auth.user.registered',
          workspace_id: session.workspaceId,
          payload: {
            userId: session.userId,
            email: session.email,
            name: 'Evt',
            workspaceId: session.workspaceId,
          },
        },
      ]);
    });

    it('creates nothing when the registered event cannot be written (one transaction)', async () => {
      const broken = await startAuthTestApp({
        databaseUrl: db.url,
        override: (builder) =>
          builder.overrideProvider(Outbox).useFactory({
            factory: (tx: TransactionHost) => new FailingOutbox(AUTH_SCHEMA, tx),
            inject: [TransactionHost],
          }),
      });
      const email = uniqueEmail('lost');
      const workspaceName = `Lost ${email}`;
      try {
        const error = await broken.failure(AuthSubjects.register, {
          email,
          password: STRONG_PASSWORD,
          name: 'L',
          workspaceName,
        });
        expect(error).toMatchObject({ status: 500, message: 'Internal error' });
      } finally {
        await broken.close();
      }
      // The user, the workspace and its auth.workspace.created event, all written earlier in that transaction.
      const [left]: Array<{ users: number; workspaces: number; events: number }> =
        await auth.dataSource.query(
          `SELECT (SELECT count(*)::int FROM users WHERE email = $1) AS users,
                (SELECT count(*)::int FROM workspaces WHERE name = $2) AS workspaces,
                (SELECT count(*)::int FROM outbox WHERE payload->>'name' = $2) AS events`,
          [email, workspaceName],
        );
      expect(left).toEqual({ users: 0, workspaces: 0, events: 0 });
    });
  });

  describe('me', () => {
    it('answers with the role as stored now, not as in the token', async () => {
      const owner = await auth.register('Boss');
      const member = await auth.register('Member');
      await auth.join(owner.principal, member, 'editor');
      const memberPrincipal = {
        userId: member.userId,
        workspaceId: owner.workspaceId,
        role: 'editor' as const,
      };
      await auth.call(
        AuthSubjects.updateMember,
        { userId: member.userId, role: 'viewer' },
        { principal: owner.principal },
      );
      const me = await auth.call(AuthSubjects.me, {}, { principal: memberPrincipal });
      expect(me).toMatchObject({
        user: { id: member.userId },
        workspace: { id: owner.workspaceId },
        role: 'viewer',
      });
    });

    it('is 401 once the caller is no longer a member, and without a principal', async () => {
      const owner = await auth.register('Host');
      const guest = await auth.register('Guest');
      await auth.join(owner.principal, guest, 'viewer');
      const guestPrincipal = {
        userId: guest.userId,
        workspaceId: owner.workspaceId,
        role: 'viewer' as const,
      };
      expect(await auth.call(AuthSubjects.me, {}, { principal: guestPrincipal })).toMatchObject({
        role: 'viewer',
      });

      await auth.call(AuthSubjects.removeMember, { userId: guest.userId }, { principal: owner.principal });
      expect(await auth.failure(AuthSubjects.me, {}, { principal: guestPrincipal })).toMatchObject({
        status: 401,
      });
      expect(await auth.failure(AuthSubjects.me, {})).toMatchObject({ status: 401 });
    });
  });
});
