import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { pollUntil } from './polling.js';

/** A mail as an SMTP server received it, parsed. */
export interface CaughtMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
}

/**
 * A real SMTP server on loopback (the `smtp-server` package) that keeps every mail it accepts, with a user and
 * password so the sender must authenticate as a real server would demand.
 */
export class MailCatcher {
  private constructor(
    private readonly port: number,
    private readonly server: SMTPServer,
    /** Every mail received so far, oldest first. */
    readonly mails: CaughtMail[],
  ) {}

  /** `smtp://…` for SMTP_URL. */
  get url(): string {
    return `smtp://catcher:secret@127.0.0.1:${this.port}`;
  }

  static async start(): Promise<MailCatcher> {
    const mails: CaughtMail[] = [];
    const server = new SMTPServer({
      authOptional: false,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      onAuth(auth, _session, callback) {
        if (auth.username === 'catcher' && auth.password === 'secret') callback(null, { user: 'catcher' });
        else callback(new Error('Invalid username or password'));
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            mails.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new MailCatcher((server.server.address() as AddressInfo).port, server, mails);
  }

  /** The first mail to `address` whose subject matches, from the `since`-th mail on, waiting for it to arrive. */
  async mailTo(address: string, subject: RegExp, since = 0): Promise<CaughtMail> {
    const matching = () =>
      this.mails
        .slice(since)
        .find((mail) => mail.to.includes(address.toLowerCase()) && subject.test(mail.subject));
    await pollUntil(async () => matching(), Boolean, `a mail to ${address} about ${subject}`, 10_000);
    return matching()!;
  }

  /** The value of `token` in the first link of a matching mail (links carry it in the fragment). */
  async tokenFrom(address: string, subject: RegExp, since = 0): Promise<string> {
    return tokenOfMail((await this.mailTo(address, subject, since)).text);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The token of the first Shopcast link in a mail's text. */
export function tokenOfMail(text: string): string {
  const match = /[#?&]token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`no token link in mail: ${text.slice(0, 200)}`);
  return match[1];
}
