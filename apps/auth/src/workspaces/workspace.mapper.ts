import type { MemberView, WorkspaceMembershipView, WorkspaceView } from '@app/contracts';
import type { MembershipWithUser, MembershipWithWorkspace } from './membership.entity.js';
import type { WorkspaceEntity } from './workspace.entity.js';

export function toWorkspaceView(workspace: WorkspaceEntity): WorkspaceView {
  return { id: workspace.id, name: workspace.name };
}

/** A membership loaded with its workspace, as the member sees it. */
export function toMembershipView(membership: MembershipWithWorkspace): WorkspaceMembershipView {
  return {
    id: membership.workspace.id,
    name: membership.workspace.name,
    role: membership.role,
    createdAt: membership.workspace.createdAt.toISOString(),
  };
}

/** A membership loaded with its user, as the workspace sees it. */
export function toMemberView(membership: MembershipWithUser): MemberView {
  return {
    userId: membership.userId,
    email: membership.user.email,
    name: membership.user.name,
    role: membership.role,
    joinedAt: membership.createdAt.toISOString(),
  };
}
