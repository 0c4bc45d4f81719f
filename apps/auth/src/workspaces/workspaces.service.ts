import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  canManageWorkspace,
  type CreateWorkspaceDto,
  effectiveRole,
  EventSubjects,
  ForbiddenError,
  type Principal,
  type Role,
  UnauthorizedError,
  type WorkspaceMembershipView,
} from '@app/contracts';
import { type CallContext, Outbox, type RequestContext } from '@app/messaging';
import { TransactionHost } from '@app/database';
import type { WorkspaceEntity } from './workspace.entity.js';
import { toMembershipView } from './workspace.mapper.js';
import { WorkspacesRepository } from './workspaces.repository.js';

/** The name of the workspace a new account starts with when none is given. */
export function defaultWorkspaceName(userName: string): string {
  return `${userName}'s workspace`;
}

/** Workspaces a user belongs to, and new ones. */
@Injectable()
export class WorkspacesService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly workspaces: WorkspacesRepository,
    private readonly outbox: Outbox,
  ) {}

  /** Creates a workspace owned by the user, with its `auth.workspace.created` event, in the caller's transaction. */
  createWithOwner(context: CallContext, ownerId: string, name: string): Promise<WorkspaceEntity> {
    return this.tx.run(async () => {
      const workspace = await this.workspaces.insertWorkspace(randomUUID(), name);
      await this.workspaces.insertMember(workspace.id, ownerId, 'owner');
      await this.outbox.add(
        EventSubjects.workspaceCreated,
        { workspaceId: workspace.id, name: workspace.name, ownerId },
        // The new workspace's event, in the request chain that created it.
        { workspaceId: workspace.id, correlationId: context.correlationId },
      );
      return workspace;
    });
  }

  async create(context: RequestContext, dto: CreateWorkspaceDto): Promise<WorkspaceMembershipView> {
    const workspace = await this.createWithOwner(context, context.principal.userId, dto.name);
    return {
      id: workspace.id,
      name: workspace.name,
      role: 'owner',
      createdAt: workspace.createdAt.toISOString(),
    };
  }

  async list(principal: Principal): Promise<WorkspaceMembershipView[]> {
    const memberships = await this.workspaces.listMembershipsOfUser(principal.userId);
    return memberships.map(toMembershipView);
  }

  /** The caller's current role, when it lets them manage the workspace's members; 403 otherwise. */
  async requireManager(principal: Principal): Promise<Role> {
    const role = await this.currentRole(principal);
    if (!canManageWorkspace(role)) throw new ForbiddenError('Only owners and admins can manage members');
    return role;
  }

  /** The caller's current role in the workspace of their token; 401 once they are no longer a member. */
  async currentRole(principal: Principal): Promise<Principal['role']> {
    const role = await this.workspaces.findRole(principal.workspaceId, principal.userId);
    if (!role) throw new UnauthorizedError('You are no longer a member of this workspace');
    return effectiveRole(principal, role);
  }
}
