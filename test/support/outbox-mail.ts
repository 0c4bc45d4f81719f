import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { type CaughtMail, tokenOfMail } from './mail-catcher.js';
import { pollUntil } from './polling.js';

/** The mails Shopcast wrote to its outbox folder (no SMTP server configured), oldest first. */
export async function readOutbox(outboxDir: string): Promise<CaughtMail[]> {
  const files = (await readdir(outboxDir).catch(() => [])).filter((file) => file.endsWith('.eml')).sort();
  return Promise.all(
    files.map(async (file) => {
      const parsed = await simpleParser(await readFile(join(outboxDir, file)));
      const to = Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : [];
      return {
        from: parsed.from?.value[0]?.address ?? '',
        to: to.flatMap((list) => list.value.map((address) => address.address ?? '')),
        subject: parsed.subject ?? '',
        text: parsed.text ?? '',
      };
    }),
  );
}

/** The token of the newest outbox mail to `address` about `subject`, waiting for one other than `except`. */
export async function outboxToken(
  outboxDir: string,
  address: string,
  subject: RegExp,
  except: readonly string[] = [],
): Promise<string> {
  const find = async () =>
    (await readOutbox(outboxDir))
      .filter((mail) => mail.to.includes(address.toLowerCase()) && subject.test(mail.subject))
      .map((mail) => tokenOfMail(mail.text))
      .filter((token) => !except.includes(token))
      .at(-1);
  return (await pollUntil(find, Boolean, `an outbox mail to ${address} about ${subject}`, 15_000)) as string;
}
