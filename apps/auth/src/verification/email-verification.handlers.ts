import { Controller } from '@nestjs/common';
import { AuthSubjects, type MailedTokenDto } from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { EmailVerificationService } from './email-verification.service.js';

@Controller()
export class EmailVerificationHandlers {
  constructor(private readonly verification: EmailVerificationService) {}

  /** Public: holding the mailed token is the proof. */
  @Handles(AuthSubjects.verifyEmail, 'public')
  verify(@Data() data: MailedTokenDto) {
    return this.verification.verify(data.token);
  }

  @Handles(AuthSubjects.resendVerification, 'read')
  resend(@Context() context: RequestContext) {
    return this.verification.resend(context.principal);
  }
}
