import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AuthSubjects,
  PasswordResetDto,
  PasswordResetRequestDto,
  PasswordResetRequestedView,
  PasswordResetView,
} from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';
import { Public } from '../http/public.decorator.js';
import { RateLimit } from '../rate-limit/rate-limit.decorator.js';

@ApiTags('auth')
@Controller('api/v1/auth/password-reset')
export class PasswordResetController {
  constructor(private readonly rpc: RpcClient) {}

  /**
   * Mails a reset link (single use, 1 hour) when the address has an account. Always 202, so the answer does
   * not tell whether it has one.
   */
  @Public()
  @Post()
  @HttpCode(202)
  @RateLimit('sign-in')
  @ApiErrors(400, 429)
  request(
    @Body() body: PasswordResetRequestDto,
    @Call() call: CallContext,
  ): Promise<PasswordResetRequestedView> {
    return this.rpc.send(AuthSubjects.requestPasswordReset, body, call);
  }

  /** Sets the new password with the mailed token; every session of the account is signed out. */
  @Public()
  @Post('confirm')
  @HttpCode(200)
  @RateLimit('sign-in')
  @ApiErrors(400, 429)
  confirm(@Body() body: PasswordResetDto, @Call() call: CallContext): Promise<PasswordResetView> {
    return this.rpc.send(AuthSubjects.resetPassword, body, call);
  }
}
