import { Module } from '@nestjs/common';
import { Mailer } from './mailer.js';

/** Outgoing mail: SMTP, or the outbox folder when no SMTP server is configured. */
@Module({ providers: [Mailer], exports: [Mailer] })
export class MailModule {}
