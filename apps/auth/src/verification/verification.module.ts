import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { MailModule } from '../mail/mail.module.js';
import { EmailVerificationHandlers } from './email-verification.handlers.js';
import { EmailVerificationService } from './email-verification.service.js';

/** Email verification: the link mailed at sign-up (and on request), and using it. */
@Module({
  imports: [AccountsModule, MailModule],
  controllers: [EmailVerificationHandlers],
  providers: [EmailVerificationService],
  exports: [EmailVerificationService],
})
export class VerificationModule {}
