import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { simpleParser } from 'mailparser';
import pino from 'pino';
import { MailCatcher } from '../../../../test/support/mail-catcher.js';
import { pollUntil } from '../../../../test/support/polling.js';
import { testConfig } from '../../../../test/support/test-config.js';
import { verificationMail } from './mail-templates.js';
import { Mailer } from './mailer.js';

const SECRET_LINK = 'https://shop.test/verify-email#token=SECRET-TOKEN-abcdefghijklmnopqrstuvwxyz0123456';

/** A pino logger at info whose lines are kept for the test to read. */
function capturingLogger(): { logger: pino.Logger; lines: () => string } {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines: () => text };
}

describe('Mailer', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shopcast-mail-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('without SMTP_URL writes one .eml per mail to the outbox folder and logs its path, not its link', async () => {
    const outboxDir = join(dir, 'outbox');
    const { logger, lines } = capturingLogger();
    const mailer = new Mailer(
      testConfig({ MAIL_OUTBOX_DIR: outboxDir, MAIL_FROM: 'Shop <a@shop.test>' }),
      logger,
    );
    await mailer.send(verificationMail('ada@example.com', 'Ada', SECRET_LINK));
    await mailer.send(verificationMail('bob@example.com', 'Bob', SECRET_LINK));

    const files = (await readdir(outboxDir)).sort();
    expect(files).toHaveLength(2);
    expect(files.every((file) => file.endsWith('.eml'))).toBe(true);
    const path = join(outboxDir, files[0]);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const parsed = await simpleParser(await readFile(path));
    expect(parsed.from?.value).toEqual([{ name: 'Shop', address: 'a@shop.test' }]);
    expect(parsed.subject).toBe('Confirm your email address for Shopcast');
    expect(parsed.text).toContain(SECRET_LINK);

    expect(lines()).toContain(outboxDir);
    expect(lines()).toContain('"kind":"verify-email"');
    expect(lines()).not.toContain('SECRET-TOKEN');
    expect(lines()).not.toContain('ada@example.com');
    await mailer.onApplicationShutdown();
  });

  it('with SMTP_URL delivers to the SMTP server, authenticated, and logs no link', async () => {
    const catcher = await MailCatcher.start();
    const { logger, lines } = capturingLogger();
    const mailer = new Mailer(testConfig({ SMTP_URL: catcher.url, MAIL_FROM: 'a@shop.test' }), logger);
    try {
      mailer.sendInBackground(verificationMail('ada@example.com', 'Ada', SECRET_LINK));
      const mail = await catcher.mailTo('ada@example.com', /Confirm your email/);
      expect(mail).toMatchObject({ from: 'a@shop.test', to: ['ada@example.com'] });
      expect(mail.text).toContain(SECRET_LINK);
      await pollUntil(
        async () => lines(),
        (text) => text.includes('Mail sent'),
        'the sent mail logged',
      );
      expect(lines()).not.toContain('SECRET-TOKEN');
    } finally {
      await mailer.onApplicationShutdown();
      await catcher.close();
    }
  });

  it('refuses to send through an SMTP server with wrong credentials', async () => {
    const catcher = await MailCatcher.start();
    const mailer = new Mailer(
      testConfig({ SMTP_URL: catcher.url.replace('secret', 'wrong') }),
      capturingLogger().logger,
    );
    try {
      await expect(mailer.send(verificationMail('ada@example.com', 'Ada', SECRET_LINK))).rejects.toThrow(
        /Invalid login|Invalid username/,
      );
      expect(catcher.mails).toHaveLength(0);
    } finally {
      await mailer.onApplicationShutdown();
      await catcher.close();
    }
  });
});
