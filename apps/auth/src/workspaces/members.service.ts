import { Injectable } from '@nestjs/common';
import {
  type AddMemberDto,
  canManageWorkspace,
  ConflictError,
  ForbiddenError,
  type MemberView,
  NotFoundError,
  type Principal,
  type Role,
  type UpdateMemberRequest,
} from '@app/contracts';
import { TransactionHost } from '@app/database';
import { UsersRepository } from '../accounts/users.repository.js';
import { toMemberView } from './workspace.mapper.js';
import { WorkspacesRepository } from './workspaces.repository.js';
import { WorkspacesService } from './workspaces.service.js';

/**
 * Members of the caller's current workspace. Any member may list them; owners and admins manage them;
 * only an owner grants, changes or removes the owner role; a workspace always keeps an owner. Roles are
 * read from the database, not from the token, so a demotion takes effect at once.
 */
@Injectable()
export class MembersService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly workspaces: WorkspacesRepository,
    private readonly workspaceService: WorkspacesService,
    private readonly users: UsersRepository,
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

  async add(principal: Principal, dto: AddMemberDto): Promise<MemberView> {
    return this.tx.run(async () => {
      const actorRole = await this.requireManager(principal);
      assertMayTouchOwnerRole(actorRole, dto.role);
      const user = await this.users.findByEmail(dto.email);
      if (!user) throw new NotFoundError('User');
      const isAdded = await this.workspaces.insertMember(principal.workspaceId, user.id, dto.role);
      if (!isAdded) throw new ConflictError('This user is already a member of the workspace');
      return this.memberView(principal.workspaceId, user.id);
    });
  }

  async update(principal: Principal, request: UpdateMemberRequest): Promise<MemberView> {
    return this.tx.run(async () => {
      await this.workspaces.lockWorkspace(principal.workspaceId);
      const actorRole = await this.requireManager(principal);
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
      const actorRole = await this.requireManager(principal);
      const currentRole = await this.requireMemberRole(principal.workspaceId, userId);
      assertMayTouchOwnerRole(actorRole, currentRole);
      if (currentRole === 'owner') await this.assertAnotherOwner(principal.workspaceId);
      await this.workspaces.deleteMember(principal.workspaceId, userId);
      await this.workspaces.revokeRefreshTokens(principal.workspaceId, userId);
      return { removed: true };
    });
  }

  private async requireManager(principal: Principal): Promise<Role> {
    const role = await this.workspaceService.currentRole(principal);
    if (!canManageWorkspace(role)) throw new ForbiddenError('Only owners and admins can manage members');
    return role;
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

/** Only an owner may grant the owner role or change or remove an owner. */
function assertMayTouchOwnerRole(actorRole: Role, ...roles: Role[]): void {
  if (actorRole !== 'owner' && roles.includes('owner')) {
    throw new ForbiddenError('Only an owner can grant, change or remove the owner role');
  }
}
