import { Injectable } from '@nestjs/common';
import {
  ConflictError,
  type MemberView,
  NotFoundError,
  type Principal,
  type Role,
  type UpdateMemberRequest,
} from '@app/contracts';
import { TransactionHost } from '@app/database';
import { assertMayTouchOwnerRole } from './owner-role.js';
import { toMemberView } from './workspace.mapper.js';
import { WorkspacesRepository } from './workspaces.repository.js';
import { WorkspacesService } from './workspaces.service.js';

/**
 * Members of the caller's current workspace (they join by accepting an invitation, see InvitationsService).
 * Any member may list them; owners and admins manage them;
 * only an owner grants, changes or removes the owner role; a workspace always keeps an owner. Roles are
 * read from the database, not from the token, so a demotion takes effect at once.
 */
@Injectable()
export class MembersService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly workspaces: WorkspacesRepository,
    private readonly workspaceService: WorkspacesService,
  ) {}

  async list(principal: Principal): Promise<MemberView[]> {
    await this.workspaceService.currentRole(principal);
    const members = await this.workspaces.listMembers(principal.workspaceId);
    return members.map(toMemberView);
  }

  /** The caller's role now; 401 once they are no longer a member. */
  currentRole(principal: Principal): Promise<Role> {
    return this.workspaceService.currentRole(principal);
  }

  async update(principal: Principal, request: UpdateMemberRequest): Promise<MemberView> {
    return this.tx.run(async () => {
      await this.workspaces.lockWorkspace(principal.workspaceId);
      const actorRole = await this.workspaceService.requireManager(principal);
      const currentRole = await this.requireMemberRole(principal.workspaceId, request.userId);
      assertMayTouchOwnerRole(actorRole, currentRole, request.role);
      if (currentRole === 'owner' && request.role !== 'owner') {
        await this.assertAnotherOwner(principal.workspaceId);
      }
      if (currentRole !== request.role) {
        await this.workspaces.updateRole(principal.workspaceId, request.userId, request.role);
      }
      return this.memberView(principal.workspaceId, request.userId);
    });
  }

  async remove(principal: Principal, userId: string): Promise<{ removed: boolean }> {
    return this.tx.run(async () => {
      await this.workspaces.lockWorkspace(principal.workspaceId);
      const actorRole = await this.workspaceService.requireManager(principal);
      const currentRole = await this.requireMemberRole(principal.workspaceId, userId);
      assertMayTouchOwnerRole(actorRole, currentRole);
      if (currentRole === 'owner') await this.assertAnotherOwner(principal.workspaceId);
      await this.workspaces.deleteMember(principal.workspaceId, userId);
      await this.workspaces.revokeRefreshTokens(principal.workspaceId, userId);
      return { removed: true };
    });
  }

  private async requireMemberRole(workspaceId: string, userId: string): Promise<Role> {
    const role = await this.workspaces.findRole(workspaceId, userId);
    if (!role) throw new NotFoundError('Member');
    return role;
  }

  /** Call with the workspace locked, so two owners cannot demote each other at the same moment. */
  private async assertAnotherOwner(workspaceId: string): Promise<void> {
    if ((await this.workspaces.countOwners(workspaceId)) <= 1) {
      throw new ConflictError('A workspace must keep at least one owner; make someone else owner first');
    }
  }

  private async memberView(workspaceId: string, userId: string): Promise<MemberView> {
    const membership = await this.workspaces.findMember(workspaceId, userId);
    if (!membership) throw new NotFoundError('Member');
    return toMemberView(membership);
  }
}
