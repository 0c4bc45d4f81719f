import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthSubjects, InvitationPreviewView, MailedTokenDto, WorkspaceMembershipView } from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';
import { Public } from '../http/public.decorator.js';
import { RateLimit } from '../rate-limit/rate-limit.decorator.js';
import { SessionOnly } from '../http/session-only.decorator.js';

/** The invitee's side of an invitation: the token comes from the mailed link. */
@ApiTags('workspaces')
@Controller('api/v1/invitations')
export class InvitationsController {
  constructor(private readonly rpc: RpcClient) {}

  /** What the invitation is for (workspace, role, invited address); 404 once used, revoked or expired. */
  @Public()
  @Post('preview')
  @HttpCode(200)
  @RateLimit('sign-in')
  @ApiErrors(400, 404, 429)
  preview(@Body() body: MailedTokenDto, @Call() call: CallContext): Promise<InvitationPreviewView> {
    return this.rpc.send(AuthSubjects.previewInvitation, body, call);
  }

  /**
   * Accepts: you join the workspace with the invited role. Needs a session of the invited address, verified
   * (403 otherwise); switch to the workspace with POST /api/v1/auth/switch.
   */
  @ApiBearerAuth()
  @Post('accept')
  @HttpCode(200)
  @SessionOnly()
  @ApiErrors(400, 401, 403, 404, 409)
  accept(@Body() body: MailedTokenDto, @Call() call: CallContext): Promise<WorkspaceMembershipView> {
    return this.rpc.send(AuthSubjects.acceptInvitation, body, call);
  }
}
