import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { LOGGER } from '@app/observability';

/** One plain-text mail to one address. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** What the mail is, for the log (never its content: the links in it are secrets). */
  kind: string;
}

const SEND_ATTEMPTS = 3;
const RETRY_BASE_MS = 1000;

/**
 * Sends mail through SMTP_URL with nodemailer; without it, writes each mail as an .eml file to the outbox
 * folder (MAIL_OUTBOX_DIR, by default `<data dir>/outbox`) and logs the file's path, so a Shopcast without a
 * mail server still lets its user open the link. The log never holds a mail's text: its links are secrets.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly sending = new Set<Promise<void>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    const { smtpUrl } = config.mail;
    this.transport = smtpUrl
      ? nodemailer.createTransport(smtpUrl)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  /** Sends the mail now; rejects when the server refuses it (the caller decides whether that matters). */
  async send(message: MailMessage): Promise<void> {
    const info = await this.transport.sendMail({
      from: this.config.mail.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
    if (this.config.mail.smtpUrl) {
      this.logger.info({ kind: message.kind, messageId: info.messageId }, 'Mail sent');
      return;
    }
    const path = await this.writeToOutbox(info.message as Buffer);
    this.logger.info({ kind: message.kind, path }, 'No SMTP_URL: mail written to the outbox folder');
  }

  /**
   * Sends the mail in the background with a few retries, so the request that caused it answers in the same
   * time whether or not a mail goes out and whatever the mail server does. A mail still failing is logged; the
   * user can ask for it again (resend verification, a new reset link, a new invitation).
   */
  sendInBackground(message: MailMessage): void {
    const sending = this.sendWithRetries(message).finally(() => this.sending.delete(sending));
    this.sending.add(sending);
  }

  /** Lets mails being sent finish before the process stops. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.sending]);
    this.transport.close();
  }

  private async sendWithRetries(message: MailMessage): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.send(message);
      } catch (error) {
        if (attempt >= SEND_ATTEMPTS) {
          this.logger.error({ kind: message.kind, err: error }, 'Mail could not be sent');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_BASE_MS * 2 ** (attempt - 1)));
      }
    }
  }

  private async writeToOutbox(raw: Buffer): Promise<string> {
    const { outboxDir } = this.config.mail;
    await mkdir(outboxDir, { recursive: true, mode: 0o700 });
    const path = join(outboxDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`);
    await writeFile(path, raw, { mode: 0o600 });
    return path;
  }
}
