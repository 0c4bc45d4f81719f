import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthSubjects, EmailVerifiedView, MailedTokenDto, VerificationMailView } from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';
import { Public } from '../http/public.decorator.js';
import { RateLimit } from '../rate-limit/rate-limit.decorator.js';
import { SessionOnly } from '../http/session-only.decorator.js';

@ApiTags('auth')
@Controller('api/v1/auth/verify-email')
export class EmailVerificationController {
  constructor(private readonly rpc: RpcClient) {}

  /** Verifies the address the link was mailed to (the link works once, for 48 hours). */
  @Public()
  @Post()
  @HttpCode(200)
  @RateLimit('sign-in')
  @ApiErrors(400, 429)
  verify(@Body() body: MailedTokenDto, @Call() call: CallContext): Promise<EmailVerifiedView> {
    return this.rpc.send(AuthSubjects.verifyEmail, body, call);
  }

  /** Mails a new verification link to your address (earlier links stop working); `sent: false` once verified. */
  @ApiBearerAuth()
  @Post('resend')
  @HttpCode(202)
  @RateLimit('sign-in')
  @SessionOnly()
  @ApiErrors(401, 403, 429)
  resend(@Call() call: CallContext): Promise<VerificationMailView> {
    return this.rpc.send(AuthSubjects.resendVerification, {}, call);
  }
}
