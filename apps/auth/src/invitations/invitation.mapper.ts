import type { InvitationPreviewView, InvitationView } from '@app/contracts';
import type { InvitationDetails } from './invitation.entity.js';

export function toInvitationView(invitation: InvitationDetails): InvitationView {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    ...(invitation.invitedBy ? { invitedBy: invitation.invitedBy.name } : {}),
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
  };
}

export function toInvitationPreview(invitation: InvitationDetails): InvitationPreviewView {
  return {
    workspaceName: invitation.workspace.name,
    role: invitation.role,
    email: invitation.email,
    ...(invitation.invitedBy ? { invitedBy: invitation.invitedBy.name } : {}),
    expiresAt: invitation.expiresAt.toISOString(),
  };
}
