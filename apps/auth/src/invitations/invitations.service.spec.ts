import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { AuthSubjects, type Principal, type Role } from '@app/contracts';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import {
  type AuthTestApp,
  INVITATION_SUBJECT,
  type Session,
  startAuthTestApp,
  STRONG_PASSWORD,
} from '../../test/auth-test-app.js';

describe('InvitationsService (real Postgres, real SMTP server)', () => {
  let db: TestDatabase;
  let auth: AuthTestApp;

  beforeAll(async () => {
    db = await createTestDatabase('auth_invitations');
    auth = await startAuthTestApp({
      databaseUrl: db.url,
      env: { MAIL_FROM: 'Shopcast <team@shop.test>', PUBLIC_BASE_URL: 'https://shop.test' },
    });
  });

  afterAll(async () => {
    await auth?.close();
    await db?.drop();
  });

  async function roleOf(workspaceId: string, userId: string): Promise<Role | undefined> {
    const rows: Array<{ role: Role }> = await auth.dataSource.query(
      'SELECT role FROM workspace_members WHERE workspace_id = $1 AND user_id = $2',
      [workspaceId, userId],
    );
    return rows[0]?.role;
  }

  /** Invites the address and answers the token of the link mailed for it. */
  async function invite(inviter: Principal, email: string, role: Role): Promise<string> {
    const before = auth.mail.mails.length;
    await auth.call(AuthSubjects.inviteMember, { email, role }, { principal: inviter });
    return auth.mail.tokenFrom(email, INVITATION_SUBJECT, before);
  }

  async function withAdmin(): Promise<{ owner: Session; admin: Principal; editor: Principal }> {
    const owner = await auth.register('Owner', 'Acme');
    const admin = await auth.join(owner.principal, await auth.register('Admin'), 'admin');
    const editor = await auth.join(owner.principal, await auth.register('Editor'), 'editor');
    return { owner, admin, editor };
  }

  it('mails a link to the web app through SMTP; the verified invitee accepts it once and joins', async () => {
    const owner = await auth.register('Owner', 'Acme');
    const invitee = await auth.register('Invitee');
    const before = auth.mail.mails.length;
    await auth.call(
      AuthSubjects.inviteMember,
      { email: invitee.email, role: 'editor' },
      { principal: owner.principal },
    );
    const mail = await auth.mail.mailTo(invitee.email, INVITATION_SUBJECT, before);
    expect(mail).toMatchObject({ from: 'team@shop.test', subject: 'Owner invited you to Acme on Shopcast' });
    const token = /https:\/\/shop\.test\/invitation#token=([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    expect(token).toBeDefined();

    expect(await auth.call(AuthSubjects.previewInvitation, { token: token! })).toEqual({
      workspaceName: 'Acme',
      role: 'editor',
      email: invitee.email,
      invitedBy: 'Owner',
      expiresAt: expect.any(String),
    });
    await auth.verifyEmail(invitee);
    const joined = await auth.call(
      AuthSubjects.acceptInvitation,
      { token: token! },
      { principal: invitee.principal },
    );
    expect(joined).toMatchObject({ id: owner.workspaceId, name: 'Acme', role: 'editor' });
    expect(await roleOf(owner.workspaceId, invitee.userId)).toBe('editor');

    const again = await auth.failure(
      AuthSubjects.acceptInvitation,
      { token: token! },
      { principal: invitee.principal },
    );
    expect(again).toMatchObject({ status: 404 });
    expect(await auth.call(AuthSubjects.listInvitations, {}, { principal: owner.principal })).toEqual([]);
  });

  it('stores only the SHA-256 of the token', async () => {
    const owner = await auth.register('Owner');
    const invitee = await auth.register('Hashed');
    const token = await invite(owner.principal, invitee.email, 'viewer');
    const rows: Array<{ token_hash: string }> = await auth.dataSource.query(
      'SELECT token_hash FROM invitations WHERE workspace_id = $1',
      [owner.workspaceId],
    );
    expect(rows).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);
  });

  it('refuses a verified account of another address (403) and an expired invitation (404)', async () => {
    const owner = await auth.register('Owner');
    const invitee = await auth.register('Invitee');
    const other = await auth.register('Other');
    await auth.verifyEmail(other);
    const token = await invite(owner.principal, invitee.email, 'admin');
    const wrongAccount = await auth.failure(
      AuthSubjects.acceptInvitation,
      { token },
      { principal: other.principal },
    );
    expect(wrongAccount).toMatchObject({ status: 403, message: expect.stringContaining(invitee.email) });
    expect(await roleOf(owner.workspaceId, other.userId)).toBeUndefined();

    await auth.dataSource.query(
      `UPDATE invitations SET expires_at = now() - interval '1 second' WHERE workspace_id = $1`,
      [owner.workspaceId],
    );
    await auth.verifyEmail(invitee);
    const expired = await auth.failure(
      AuthSubjects.acceptInvitation,
      { token },
      { principal: invitee.principal },
    );
    expect(expired).toMatchObject({ status: 404 });
    expect(await auth.failure(AuthSubjects.previewInvitation, { token })).toMatchObject({ status: 404 });
    expect(await roleOf(owner.workspaceId, invitee.userId)).toBeUndefined();
  });

  it('lists pending invitations to members; owners and admins revoke them and the link stops working', async () => {
    const { owner, admin, editor } = await withAdmin();
    const invitee = await auth.register('Pending');
    await auth.verifyEmail(invitee);
    const token = await invite(admin, invitee.email, 'viewer');
    const listed = await auth.call(AuthSubjects.listInvitations, {}, { principal: editor });
    expect(listed).toEqual([
      {
        id: expect.any(String),
        email: invitee.email,
        role: 'viewer',
        invitedBy: 'Admin',
        createdAt: expect.any(String),
        expiresAt: expect.any(String),
      },
    ]);
    const days = (Date.parse(listed[0].expiresAt) - Date.parse(listed[0].createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(7, 2);

    const byEditor = await auth.failure(
      AuthSubjects.revokeInvitation,
      { invitationId: listed[0].id },
      { principal: editor },
    );
    expect(byEditor).toMatchObject({ status: 403 });
    expect(
      await auth.call(AuthSubjects.revokeInvitation, { invitationId: listed[0].id }, { principal: admin }),
    ).toEqual({ revoked: true });
    expect(await auth.call(AuthSubjects.listInvitations, {}, { principal: owner.principal })).toEqual([]);
    const revoked = await auth.failure(
      AuthSubjects.acceptInvitation,
      { token },
      { principal: invitee.principal },
    );
    expect(revoked).toMatchObject({ status: 404 });
    expect(await roleOf(owner.workspaceId, invitee.userId)).toBeUndefined();
  });

  it('replaces the pending invitation of an address invited again: only the newest link works', async () => {
    const owner = await auth.register('Owner');
    const invitee = await auth.register('Twice');
    await auth.verifyEmail(invitee);
    const first = await invite(owner.principal, invitee.email, 'viewer');
    const second = await invite(owner.principal, invitee.email, 'editor');
    const old = await auth.failure(
      AuthSubjects.acceptInvitation,
      { token: first },
      { principal: invitee.principal },
    );
    expect(old).toMatchObject({ status: 404 });
    await auth.call(AuthSubjects.acceptInvitation, { token: second }, { principal: invitee.principal });
    expect(await roleOf(owner.workspaceId, invitee.userId)).toBe('editor');
  });

  it('lets only owners and admins invite, only owners invite an owner, and not an existing member', async () => {
    const { owner, admin, editor } = await withAdmin();
    const newcomer = await auth.register('Newcomer');
    const byEditor = await auth.failure(
      AuthSubjects.inviteMember,
      { email: newcomer.email, role: 'viewer' },
      { principal: editor },
    );
    expect(byEditor).toMatchObject({ status: 403 });
    const ownerByAdmin = await auth.failure(
      AuthSubjects.inviteMember,
      { email: newcomer.email, role: 'owner' },
      { principal: admin },
    );
    expect(ownerByAdmin).toMatchObject({ status: 403 });
    const member = await auth.failure(
      AuthSubjects.inviteMember,
      { email: owner.email, role: 'viewer' },
      { principal: admin },
    );
    expect(member).toMatchObject({ status: 409 });
    expect(await auth.call(AuthSubjects.listInvitations, {}, { principal: admin })).toEqual([]);
  });

  it('invites an address with no account yet: they sign up with it, verify, and accept', async () => {
    const owner = await auth.register('Owner');
    const email = `later-${Date.now()}@example.com`;
    const token = await invite(owner.principal, email, 'editor');
    const result = await auth.call(AuthSubjects.register, {
      email,
      password: STRONG_PASSWORD,
      name: 'Later',
    });
    const later: Session = {
      email,
      password: STRONG_PASSWORD,
      userId: result.user.id,
      workspaceId: result.workspace.id,
      principal: { userId: result.user.id, workspaceId: result.workspace.id, role: 'owner' },
      accessToken: result.accessToken,
      refreshToken: result.refreshToken,
      result,
    };
    await auth.verifyEmail(later);
    await auth.call(AuthSubjects.acceptInvitation, { token }, { principal: later.principal });
    expect(await roleOf(owner.workspaceId, later.userId)).toBe('editor');
  });
});
