import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuthSubjects } from '@app/contracts';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { type AuthTestApp, startAuthTestApp } from '../../test/auth-test-app.js';

describe('WorkspacesService (real Postgres)', () => {
  let db: TestDatabase;
  let auth: AuthTestApp;

  beforeAll(async () => {
    db = await createTestDatabase('auth_workspaces');
    auth = await startAuthTestApp({ databaseUrl: db.url });
  });

  afterAll(async () => {
    await auth?.close();
    await db?.drop();
  });

  it('creates a workspace owned by the caller, listed only for them, with its event', async () => {
    const session = await auth.register('Maker');
    const created = await auth.call(
      AuthSubjects.createWorkspace,
      { name: '  Second shop ' },
      { principal: session.principal },
    );
    expect(created).toEqual({
      id: expect.any(String),
      name: 'Second shop',
      role: 'owner',
      createdAt: expect.any(String),
    });

    const listed = await auth.call(AuthSubjects.listWorkspaces, {}, { principal: session.principal });
    expect(listed.map(({ id, name, role }) => ({ id, name, role }))).toEqual([
      { id: session.workspaceId, name: "Maker's workspace", role: 'owner' },
      { id: created.id, name: 'Second shop', role: 'owner' },
    ]);
    const stranger = await auth.register('Stranger');
    const theirs = await auth.call(AuthSubjects.listWorkspaces, {}, { principal: stranger.principal });
    expect(theirs.map((workspace) => workspace.id)).toEqual([stranger.workspaceId]);

    const events: Array<{ payload: unknown }> = await auth.dataSource.query(
      `SELECT payload FROM outbox WHERE subject = 'auth.workspace.created' AND workspace_id = $1`,
      [created.id],
    );
    expect(events).toEqual([
      { payload: { workspaceId: created.id, name: 'Second shop', ownerId: session.userId } },
    ]);
  });

  it('lists the workspaces a user was added to, with their role there', async () => {
    const owner = await auth.register('Owner');
    const editor = await auth.register('Editor');
    await auth.join(owner.principal, editor, 'editor');
    const listed = await auth.call(AuthSubjects.listWorkspaces, {}, { principal: editor.principal });
    expect(listed.map(({ id, role }) => ({ id, role }))).toEqual([
      { id: editor.workspaceId, role: 'owner' },
      { id: owner.workspaceId, role: 'editor' },
    ]);
  });

  it('refuses an empty name and a request without a principal', async () => {
    const session = await auth.register('Blank');
    expect(
      await auth.failure(AuthSubjects.createWorkspace, { name: '   ' }, { principal: session.principal }),
    ).toMatchObject({ status: 400 });
    expect(await auth.failure(AuthSubjects.listWorkspaces, {})).toMatchObject({ status: 401 });
  });
});
