import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AddMemberDto,
  AuthSubjects,
  CreateWorkspaceDto,
  InvitationParams,
  InvitationView,
  MemberParams,
  MemberView,
  UpdateMemberDto,
  WorkspaceMembershipView,
} from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';
import { SessionOnly } from '../http/session-only.decorator.js';

@ApiTags('workspaces')
@ApiBearerAuth()
@Controller('api/v1/workspaces')
export class WorkspacesController {
  constructor(private readonly rpc: RpcClient) {}

  /** The workspaces you belong to, with your role in each (not with an API key: it belongs to one). */
  @Get()
  @SessionOnly()
  @ApiErrors(401, 403)
  list(@Call() call: CallContext): Promise<WorkspaceMembershipView[]> {
    return this.rpc.send(AuthSubjects.listWorkspaces, {}, call);
  }

  /** Creates a workspace with you as its owner; switch to it with POST /api/v1/auth/switch. */
  @Post()
  @SessionOnly()
  @ApiErrors(400, 401, 403)
  create(@Body() body: CreateWorkspaceDto, @Call() call: CallContext): Promise<WorkspaceMembershipView> {
    return this.rpc.send(AuthSubjects.createWorkspace, body, call);
  }

  /** Members of the current workspace. */
  @Get('current/members')
  @ApiErrors(401)
  members(@Call() call: CallContext): Promise<MemberView[]> {
    return this.rpc.send(AuthSubjects.listMembers, {}, call);
  }

  /**
   * Invites someone by email (owners and admins only; only owners invite owners): 202 with the pending
   * invitation. They join once they accept the mailed link, signed in with that address, verified. Inviting an
   * address again replaces its pending invitation.
   */
  @Post('current/members')
  @HttpCode(202)
  @SessionOnly()
  @ApiErrors(400, 401, 403, 409)
  addMember(@Body() body: AddMemberDto, @Call() call: CallContext): Promise<InvitationView> {
    return this.rpc.send(AuthSubjects.inviteMember, body, call);
  }

  /** Pending invitations of the current workspace (not accepted, revoked or expired), newest first. */
  @Get('current/invitations')
  @ApiErrors(401)
  invitations(@Call() call: CallContext): Promise<InvitationView[]> {
    return this.rpc.send(AuthSubjects.listInvitations, {}, call);
  }

  /** Revokes a pending invitation: its link stops working (owners and admins; only owners for owner). */
  @Delete('current/invitations/:invitationId')
  @HttpCode(204)
  @SessionOnly()
  @ApiErrors(400, 401, 403, 404)
  async revokeInvitation(@Param() params: InvitationParams, @Call() call: CallContext): Promise<void> {
    await this.rpc.send(AuthSubjects.revokeInvitation, params, call);
  }

  /** Changes a member's role; a workspace always keeps at least one owner. */
  @Patch('current/members/:userId')
  @SessionOnly()
  @ApiErrors(400, 401, 403, 404, 409)
  updateMember(
    @Param() params: MemberParams,
    @Body() body: UpdateMemberDto,
    @Call() call: CallContext,
  ): Promise<MemberView> {
    return this.rpc.send(AuthSubjects.updateMember, { ...params, ...body }, call);
  }

  /** Removes a member from the current workspace. */
  @Delete('current/members/:userId')
  @HttpCode(204)
  @SessionOnly()
  @ApiErrors(400, 401, 403, 404, 409)
  async removeMember(@Param() params: MemberParams, @Call() call: CallContext): Promise<void> {
    await this.rpc.send(AuthSubjects.removeMember, params, call);
  }
}
