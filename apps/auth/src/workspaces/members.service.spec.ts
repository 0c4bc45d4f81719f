import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { AuthSubjects, type Principal, type Role } from '@app/contracts';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { type AuthTestApp, type Session, startAuthTestApp } from '../../test/auth-test-app.js';

describe('MembersService (real Postgres)', () => {
  let db: TestDatabase;
  let auth: AuthTestApp;

  beforeAll(async () => {
    db = await createTestDatabase('auth_members');
    auth = await startAuthTestApp({ databaseUrl: db.url });
  });

  afterAll(async () => {
    await auth?.close();
    await db?.drop();
  });

  /** A workspace with one member of each role; principals as the gateway would pass them. */
  interface Team {
    workspaceId: string;
    owner: Session;
    users: Record<Exclude<Role, 'owner'>, Session>;
    as: Record<Role, Principal>;
  }

  async function team(): Promise<Team> {
    const owner = await auth.register('Owner');
    const users = {
      admin: await auth.register('Admin'),
      editor: await auth.register('Editor'),
      viewer: await auth.register('Viewer'),
    };
    const as = { owner: owner.principal } as Record<Role, Principal>;
    for (const role of ['admin', 'editor', 'viewer'] as const) {
      await auth.join(owner.principal, users[role], role);
      as[role] = { userId: users[role].userId, workspaceId: owner.workspaceId, role };
    }
    return { workspaceId: owner.workspaceId, owner, users, as };
  }

  async function roleOf(workspaceId: string, userId: string): Promise<Role | undefined> {
    const rows: Array<{ role: Role }> = await auth.dataSource.query(
      'SELECT role FROM workspace_members WHERE workspace_id = $1 AND user_id = $2',
      [workspaceId, userId],
    );
    return rows[0]?.role;
  }

  describe('list', () => {
    it('shows every member to any member, viewers included', async () => {
      const { as, owner, users } = await team();
      const members = await auth.call(AuthSubjects.listMembers, {}, { principal: as.viewer });
      expect(members.map(({ userId, email, role }) => ({ userId, email, role }))).toEqual([
        { userId: owner.userId, email: owner.email, role: 'owner' },
        { userId: users.admin.userId, email: users.admin.email, role: 'admin' },
        { userId: users.editor.userId, email: users.editor.email, role: 'editor' },
        { userId: users.viewer.userId, email: users.viewer.email, role: 'viewer' },
      ]);
      expect(members[0]).toMatchObject({ name: 'Owner', joinedAt: expect.any(String) });
    });

    it('is 401 for someone who is not a member of the workspace', async () => {
      const { workspaceId } = await team();
      const outsider = await auth.register('Outsider');
      const forged = { userId: outsider.userId, workspaceId, role: 'owner' as const };
      expect(await auth.failure(AuthSubjects.listMembers, {}, { principal: forged })).toMatchObject({
        status: 401,
      });
    });
  });

  describe('update', () => {
    let t: Team;
    beforeEach(async () => {
      t = await team();
    });

    it('lets admins change the roles of non-owners', async () => {
      const updated = await auth.call(
        AuthSubjects.updateMember,
        { userId: t.users.editor.userId, role: 'viewer' },
        { principal: t.as.admin },
      );
      expect(updated).toMatchObject({ userId: t.users.editor.userId, role: 'viewer' });
      expect(await roleOf(t.workspaceId, t.users.editor.userId)).toBe('viewer');
    });

    it('is 403 for editors and viewers', async () => {
      for (const role of ['editor', 'viewer'] as const) {
        const error = await auth.failure(
          AuthSubjects.updateMember,
          { userId: t.users.viewer.userId, role: 'editor' },
          { principal: t.as[role] },
        );
        expect(error).toMatchObject({ status: 403 });
      }
      expect(await roleOf(t.workspaceId, t.users.viewer.userId)).toBe('viewer');
    });

    it('does not let an admin promote to owner or change an owner', async () => {
      const promote = await auth.failure(
        AuthSubjects.updateMember,
        { userId: t.users.editor.userId, role: 'owner' },
        { principal: t.as.admin },
      );
      expect(promote).toMatchObject({ status: 403 });
      const demote = await auth.failure(
        AuthSubjects.updateMember,
        { userId: t.owner.userId, role: 'viewer' },
        { principal: t.as.admin },
      );
      expect(demote).toMatchObject({ status: 403 });
      expect(await roleOf(t.workspaceId, t.owner.userId)).toBe('owner');
      expect(await roleOf(t.workspaceId, t.users.editor.userId)).toBe('editor');
    });

    it('keeps the last owner: 409, until another owner exists', async () => {
      const alone = await auth.failure(
        AuthSubjects.updateMember,
        { userId: t.owner.userId, role: 'admin' },
        { principal: t.as.owner },
      );
      expect(alone).toMatchObject({ status: 409, code: 'conflict' });
      expect(await roleOf(t.workspaceId, t.owner.userId)).toBe('owner');

      await auth.call(
        AuthSubjects.updateMember,
        { userId: t.users.admin.userId, role: 'owner' },
        { principal: t.as.owner },
      );
      await auth.call(
        AuthSubjects.updateMember,
        { userId: t.owner.userId, role: 'admin' },
        { principal: t.as.owner },
      );
      expect(await roleOf(t.workspaceId, t.owner.userId)).toBe('admin');
    });

    it('never leaves a workspace without an owner when two owners demote each other at once', async () => {
      await auth.call(
        AuthSubjects.updateMember,
        { userId: t.users.admin.userId, role: 'owner' },
        { principal: t.as.owner },
      );
      const secondOwner = { ...t.as.admin, role: 'owner' as const };
      const results = await Promise.allSettled([
        auth.call(
          AuthSubjects.updateMember,
          { userId: t.users.admin.userId, role: 'editor' },
          { principal: t.as.owner },
        ),
        auth.call(
          AuthSubjects.updateMember,
          { userId: t.owner.userId, role: 'editor' },
          { principal: secondOwner },
        ),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const [{ owners }]: Array<{ owners: number }> = await auth.dataSource.query(
        `SELECT count(*)::int AS owners FROM workspace_members WHERE workspace_id = $1 AND role = 'owner'`,
        [t.workspaceId],
      );
      expect(owners).toBe(1);
    });

    it('is 404 for someone who is not a member', async () => {
      const outsider = await auth.register('Outsider');
      const error = await auth.failure(
        AuthSubjects.updateMember,
        { userId: outsider.userId, role: 'viewer' },
        { principal: t.as.owner },
      );
      expect(error).toMatchObject({ status: 404, message: 'Member not found' });
    });

    it('refuses an unknown role with 400', async () => {
      const error = await auth.failure(
        AuthSubjects.updateMember,
        { userId: t.users.viewer.userId, role: 'superuser' as Role },
        { principal: t.as.owner },
      );
      expect(error).toMatchObject({ status: 400 });
    });
  });

  describe('current', () => {
    it("answers the role held now, whatever the token's role, and 401 once the member has left", async () => {
      const t = await team();
      const staleToken = { ...t.as.editor, role: 'owner' as const };
      expect(await auth.call(AuthSubjects.currentMember, {}, { principal: staleToken })).toEqual({
        role: 'editor',
      });
      await auth.call(
        AuthSubjects.removeMember,
        { userId: t.users.editor.userId },
        { principal: t.as.owner },
      );
      expect(await auth.failure(AuthSubjects.currentMember, {}, { principal: staleToken })).toMatchObject({
        status: 401,
      });
    });
  });

  describe('remove', () => {
    let t: Team;
    beforeEach(async () => {
      t = await team();
    });

    it('lets owners and admins remove non-owners', async () => {
      expect(
        await auth.call(
          AuthSubjects.removeMember,
          { userId: t.users.viewer.userId },
          { principal: t.as.admin },
        ),
      ).toEqual({ removed: true });
      expect(await roleOf(t.workspaceId, t.users.viewer.userId)).toBeUndefined();
      await auth.call(AuthSubjects.removeMember, { userId: t.users.admin.userId }, { principal: t.as.owner });
      expect(await roleOf(t.workspaceId, t.users.admin.userId)).toBeUndefined();
    });

    it('is 403 for editors and viewers, and for an admin removing an owner', async () => {
      for (const role of ['editor', 'viewer'] as const) {
        const error = await auth.failure(
          AuthSubjects.removeMember,
          { userId: t.users.admin.userId },
          { principal: t.as[role] },
        );
        expect(error).toMatchObject({ status: 403 });
      }
      const byAdmin = await auth.failure(
        AuthSubjects.removeMember,
        { userId: t.owner.userId },
        { principal: t.as.admin },
      );
      expect(byAdmin).toMatchObject({ status: 403 });
      expect(await roleOf(t.workspaceId, t.owner.userId)).toBe('owner');
      expect(await roleOf(t.workspaceId, t.users.admin.userId)).toBe('admin');
    });

    it('keeps the last owner (409), but lets one of two owners go', async () => {
      const last = await auth.failure(
        AuthSubjects.removeMember,
        { userId: t.owner.userId },
        { principal: t.as.owner },
      );
      expect(last).toMatchObject({ status: 409 });
      expect(await roleOf(t.workspaceId, t.owner.userId)).toBe('owner');

      await auth.call(
        AuthSubjects.updateMember,
        { userId: t.users.admin.userId, role: 'owner' },
        { principal: t.as.owner },
      );
      await auth.call(AuthSubjects.removeMember, { userId: t.owner.userId }, { principal: t.as.owner });
      expect(await roleOf(t.workspaceId, t.owner.userId)).toBeUndefined();
    });

    it("revokes the removed member's refresh tokens for this workspace, and only those", async () => {
      const inTeam = await auth.call(
        AuthSubjects.switchWorkspace,
        { workspaceId: t.workspaceId },
        { principal: t.users.editor.principal },
      );
      await auth.call(
        AuthSubjects.removeMember,
        { userId: t.users.editor.userId },
        { principal: t.as.owner },
      );
      const tokens: Array<{ workspace_id: string; revoked_at: Date | null }> = await auth.dataSource.query(
        'SELECT workspace_id, revoked_at FROM refresh_tokens WHERE user_id = $1',
        [t.users.editor.userId],
      );
      const revoked = (workspaceId: string) =>
        tokens
          .filter((token) => token.workspace_id === workspaceId)
          .map((token) => token.revoked_at !== null);
      expect(revoked(t.workspaceId)).toEqual([true]);
      expect(revoked(t.users.editor.workspaceId)).toEqual([false]);
      const refresh = await auth.failure(AuthSubjects.refresh, { refreshToken: inTeam.refreshToken });
      expect(refresh).toMatchObject({ status: 401 });
    });

    it('is 404 for someone who is not a member', async () => {
      const outsider = await auth.register('Outsider');
      const error = await auth.failure(
        AuthSubjects.removeMember,
        { userId: outsider.userId },
        { principal: t.as.owner },
      );
      expect(error).toMatchObject({ status: 404 });
    });
  });
});
