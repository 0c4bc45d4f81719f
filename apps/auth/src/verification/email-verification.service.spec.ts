import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuthSubjects } from '@app/contracts';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { tokenOfMail } from '../../../../test/support/mail-catcher.js';
import { type AuthTestApp, startAuthTestApp, VERIFICATION_SUBJECT } from '../../test/auth-test-app.js';

describe('EmailVerificationService (real Postgres, real SMTP server)', () => {
  let db: TestDatabase;
  let auth: AuthTestApp;

  beforeAll(async () => {
    db = await createTestDatabase('auth_verification');
    auth = await startAuthTestApp({ databaseUrl: db.url, env: { PUBLIC_BASE_URL: 'https://shop.test' } });
  });

  afterAll(async () => {
    await auth?.close();
    await db?.drop();
  });

  it('mails a link at sign-up; opening it once verifies the address', async () => {
    const session = await auth.register('Ada');
    expect(session.result.user.emailVerified).toBe(false);
    const mail = await auth.mail.mailTo(session.email, VERIFICATION_SUBJECT);
    expect(mail.text).toMatch(/https:\/\/shop\.test\/verify-email#token=[A-Za-z0-9_-]{43}/);
    const token = tokenOfMail(mail.text);

    expect(await auth.call(AuthSubjects.verifyEmail, { token })).toEqual({
      email: session.email,
      emailVerified: true,
    });
    const me = await auth.call(AuthSubjects.me, {}, { principal: session.principal });
    expect(me.user.emailVerified).toBe(true);
    expect(await auth.failure(AuthSubjects.verifyEmail, { token })).toMatchObject({ status: 400 });
  });

  it('refuses an unknown or expired token with 400 and verifies nothing', async () => {
    const session = await auth.register('Late');
    const token = await auth.mail.tokenFrom(session.email, VERIFICATION_SUBJECT);
    expect(await auth.failure(AuthSubjects.verifyEmail, { token: 'x'.repeat(43) })).toMatchObject({
      status: 400,
      message: expect.stringMatching(/invalid/),
    });
    await auth.dataSource.query(
      `UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [session.userId],
    );
    expect(await auth.failure(AuthSubjects.verifyEmail, { token })).toMatchObject({ status: 400 });
    const me = await auth.call(AuthSubjects.me, {}, { principal: session.principal });
    expect(me.user.emailVerified).toBe(false);
  });

  it('resends a new link that replaces the old one, and sends nothing once verified', async () => {
    const session = await auth.register('Again');
    const first = await auth.mail.tokenFrom(session.email, VERIFICATION_SUBJECT);
    const before = auth.mail.mails.length;
    expect(await auth.call(AuthSubjects.resendVerification, {}, { principal: session.principal })).toEqual({
      sent: true,
    });
    const second = await auth.mail.tokenFrom(session.email, VERIFICATION_SUBJECT, before);
    expect(second).not.toBe(first);
    expect(await auth.failure(AuthSubjects.verifyEmail, { token: first })).toMatchObject({ status: 400 });
    await auth.call(AuthSubjects.verifyEmail, { token: second });
    expect(await auth.call(AuthSubjects.resendVerification, {}, { principal: session.principal })).toEqual({
      sent: false,
    });
  });

  it('stores the token hashed, never as mailed', async () => {
    const session = await auth.register('Hash');
    const token = await auth.mail.tokenFrom(session.email, VERIFICATION_SUBJECT);
    const rows: Array<{ token_hash: string }> = await auth.dataSource.query(
      'SELECT token_hash FROM email_tokens WHERE user_id = $1',
      [session.userId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toContain(token);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
