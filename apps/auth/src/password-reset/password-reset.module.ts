import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { MailModule } from '../mail/mail.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { PasswordResetHandlers } from './password-reset.handlers.js';
import { PasswordResetService } from './password-reset.service.js';

/** Forgotten passwords: a reset link mailed to the address, and using it. */
@Module({
  imports: [AccountsModule, SessionsModule, MailModule],
  controllers: [PasswordResetHandlers],
  providers: [PasswordResetService],
})
export class PasswordResetModule {}
