import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuthSubjects } from '@app/contracts';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import {
  type AuthTestApp,
  startAuthTestApp,
  STRONG_PASSWORD,
  uniqueEmail,
} from '../../test/auth-test-app.js';

const RESET_SUBJECT = /Reset your Shopcast password/;
const NEW_PASSWORD = 'plum tea at nine, twice';

describe('PasswordResetService (real Postgres, real SMTP server)', () => {
  let db: TestDatabase;
  let auth: AuthTestApp;

  beforeAll(async () => {
    db = await createTestDatabase('auth_password_reset');
    auth = await startAuthTestApp({ databaseUrl: db.url, env: { PUBLIC_BASE_URL: 'https://shop.test' } });
  });

  afterAll(async () => {
    await auth?.close();
    await db?.drop();
  });

  const login = (email: string, password: string) =>
    auth.call(
      AuthSubjects.login,
      { email, password },
      { clientIp: `10.9.${Math.floor(Math.random() * 250)}.1` },
    );

  it('mails a link; the new password works, the old one does not, and every session is signed out', async () => {
    const session = await auth.register('Forgetful');
    const other = await login(session.email, STRONG_PASSWORD);
    expect(
      await auth.call(AuthSubjects.requestPasswordReset, { email: session.email.toUpperCase() }),
    ).toEqual({
      accepted: true,
    });
    const mail = await auth.mail.mailTo(session.email, RESET_SUBJECT);
    const token = /https:\/\/shop\.test\/reset-password#token=([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    expect(token).toBeDefined();

    expect(await auth.call(AuthSubjects.resetPassword, { token: token!, password: NEW_PASSWORD })).toEqual({
      reset: true,
    });
    for (const refreshToken of [session.refreshToken, other.refreshToken]) {
      expect(await auth.failure(AuthSubjects.refresh, { refreshToken })).toMatchObject({ status: 401 });
    }
    expect(
      await auth.failure(AuthSubjects.login, { email: session.email, password: STRONG_PASSWORD }),
    ).toMatchObject({ status: 401 });
    const signedIn = await login(session.email, NEW_PASSWORD);
    expect(signedIn.accessToken).toBeDefined();
    // The link reached the address, so the address counts as verified; and the link works once.
    const me = await auth.call(AuthSubjects.me, {}, { principal: session.principal });
    expect(me.user.emailVerified).toBe(true);
    const again = await auth.failure(AuthSubjects.resetPassword, {
      token: token!,
      password: 'another long one 3',
    });
    expect(again).toMatchObject({ status: 400 });
  });

  it('answers an unknown address exactly as a known one, and mails nobody', async () => {
    const before = auth.mail.mails.length;
    const email = uniqueEmail('nobody');
    expect(await auth.call(AuthSubjects.requestPasswordReset, { email })).toEqual({ accepted: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(auth.mail.mails.slice(before).filter((mail) => mail.to.includes(email))).toEqual([]);
  });

  it('keeps only the newest link, refuses a weak password and an expired link, changing nothing', async () => {
    const session = await auth.register('Careful');
    await auth.call(AuthSubjects.requestPasswordReset, { email: session.email });
    const first = await auth.mail.tokenFrom(session.email, RESET_SUBJECT);
    const before = auth.mail.mails.length;
    await auth.call(AuthSubjects.requestPasswordReset, { email: session.email });
    const second = await auth.mail.tokenFrom(session.email, RESET_SUBJECT, before);
    expect(
      await auth.failure(AuthSubjects.resetPassword, { token: first, password: NEW_PASSWORD }),
    ).toMatchObject({
      status: 400,
    });
    const weak = await auth.failure(AuthSubjects.resetPassword, { token: second, password: 'password123' });
    expect(weak).toMatchObject({ status: 400, message: expect.stringMatching(/too common/) });
    await auth.dataSource.query(
      `UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [session.userId],
    );
    expect(
      await auth.failure(AuthSubjects.resetPassword, { token: second, password: NEW_PASSWORD }),
    ).toMatchObject({
      status: 400,
    });
    expect((await login(session.email, STRONG_PASSWORD)).accessToken).toBeDefined();
    const refreshed = await auth.call(AuthSubjects.refresh, { refreshToken: session.refreshToken });
    expect(refreshed.refreshToken).toBeDefined();
  });
});
