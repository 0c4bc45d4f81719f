import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuthSubjects, type Role } from '@app/contracts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import {
  type AuthTestApp,
  INVITATION_SUBJECT,
  startAuthTestApp,
} from '../../apps/auth/test/auth-test-app.js';

// Issue 14, item 7: someone who signs up with another person's address (cfo@company.com) used to get the
// role an admin meant for that person the moment the admin added the address. Joining now takes an
// invitation accepted by the account holding the address, verified through a link mailed to it.
describe('security: membership needs the consent of the verified address holder', () => {
  let db: TestDatabase;
  let auth: AuthTestApp;

  beforeAll(async () => {
    db = await createTestDatabase('security_email_consent');
    auth = await startAuthTestApp({ databaseUrl: db.url });
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

  it('gives a pre-registered, unverified account nothing when its address is invited, even with the link', async () => {
    const owner = await auth.register('Owner');
    const impostor = await auth.register('Cfo'); // signed up with the CFO's address; cannot read its mail
    const invitation = await auth.call(
      AuthSubjects.inviteMember,
      { email: impostor.email, role: 'admin' },
      { principal: owner.principal },
    );
    expect(invitation).toMatchObject({ email: impostor.email, role: 'admin', invitedBy: 'Owner' });
    expect(await roleOf(owner.workspaceId, impostor.userId)).toBeUndefined();

    // Even holding the link (which went to the real owner of the address), an unverified account is refused.
    const token = await auth.mail.tokenFrom(impostor.email, INVITATION_SUBJECT);
    const refused = await auth.failure(
      AuthSubjects.acceptInvitation,
      { token },
      { principal: impostor.principal },
    );
    expect(refused).toMatchObject({ status: 403, message: expect.stringMatching(/Confirm your email/) });
    expect(await roleOf(owner.workspaceId, impostor.userId)).toBeUndefined();
  });
});
