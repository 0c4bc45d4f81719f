import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  type AddMemberDto,
  ConflictError,
  DomainError,
  ForbiddenError,
  type InvitationPreviewView,
  type InvitationView,
  NotFoundError,
  type Principal,
  UnauthorizedError,
  type WorkspaceMembershipView,
} from '@app/contracts';
import { TransactionHost } from '@app/database';
import { hashOneTimeToken, newOneTimeToken } from '../accounts/one-time-token.js';
import { UsersRepository } from '../accounts/users.repository.js';
import { invitationMail, webLink } from '../mail/mail-templates.js';
import { Mailer } from '../mail/mailer.js';
import { assertMayTouchOwnerRole } from '../workspaces/owner-role.js';
import { WorkspacesRepository } from '../workspaces/workspaces.repository.js';
import { WorkspacesService } from '../workspaces/workspaces.service.js';
import type { InvitationDetails } from './invitation.entity.js';
import { toInvitationPreview, toInvitationView } from './invitation.mapper.js';
import { InvitationsRepository } from './invitations.repository.js';

export const INVITATION_TTL_SEC = 7 * 86400;
const UNUSABLE = 'This invitation is invalid, was revoked, was accepted already or has expired';

/**
 * Joining a workspace takes the invitee's consent: owners and admins invite an address, the invitation is
 * mailed to it as a single-use link, and only the account that holds that address, verified, can accept it.
 * Someone who signed up with another person's address (and so cannot verify it) never gets their role.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly invitations: InvitationsRepository,
    private readonly workspaces: WorkspacesRepository,
    private readonly workspaceService: WorkspacesService,
    private readonly users: UsersRepository,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Invites the address (replacing its open invitation, if any) and mails the link once that commits. */
  async invite(principal: Principal, dto: AddMemberDto): Promise<InvitationView> {
    const { token, hash } = newOneTimeToken();
    const invitation = await this.tx.run(async () => {
      await this.workspaces.lockWorkspace(principal.workspaceId);
      const actorRole = await this.workspaceService.requireManager(principal);
      assertMayTouchOwnerRole(actorRole, dto.role);
      await this.assertNotMember(principal.workspaceId, dto.email);
      await this.invitations.revokeOpenFor(principal.workspaceId, dto.email);
      return this.invitations.insert({
        workspaceId: principal.workspaceId,
        email: dto.email,
        role: dto.role,
        tokenHash: hash,
        invitedById: principal.userId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_SEC * 1000),
      });
    });
    this.mailer.sendInBackground(this.mailOf(invitation, token));
    return toInvitationView(invitation);
  }

  /** Open invitations of the current workspace; any member may see them, as they see its members. */
  async list(principal: Principal): Promise<InvitationView[]> {
    await this.workspaceService.currentRole(principal);
    return (await this.invitations.listPending(principal.workspaceId)).map(toInvitationView);
  }

  /** Owners and admins revoke an open invitation (only owners one that grants owner); its link stops working. */
  async revoke(principal: Principal, invitationId: string): Promise<{ revoked: boolean }> {
    return this.tx.run(async () => {
      const actorRole = await this.workspaceService.requireManager(principal);
      const invitation = await this.invitations.findOpenInWorkspace(principal.workspaceId, invitationId);
      if (!invitation) throw new NotFoundError('Invitation');
      assertMayTouchOwnerRole(actorRole, invitation.role);
      await this.invitations.markRevoked(invitation.id);
      return { revoked: true };
    });
  }

  /** What the link invites to, for the page that asks the invitee to accept. */
  async preview(token: string): Promise<InvitationPreviewView> {
    const invitation = await this.invitations.findUsable(hashOneTimeToken(token));
    if (!invitation) throw new DomainError('not_found', 404, UNUSABLE);
    return toInvitationPreview(invitation);
  }

  /** Joins the signed-in user with the invited role, when their verified address is the one invited. */
  async accept(principal: Principal, token: string): Promise<WorkspaceMembershipView> {
    return this.tx.run(async () => {
      const invitation = await this.invitations.findUsable(hashOneTimeToken(token), true);
      if (!invitation) throw new DomainError('not_found', 404, UNUSABLE);
      await this.assertInvitee(principal.userId, invitation.email);
      const isAdded = await this.workspaces.insertMember(
        invitation.workspaceId,
        principal.userId,
        invitation.role,
      );
      if (!isAdded) throw new ConflictError('You are already a member of this workspace');
      await this.invitations.markAccepted(invitation.id, principal.userId);
      return {
        id: invitation.workspace.id,
        name: invitation.workspace.name,
        role: invitation.role,
        createdAt: invitation.workspace.createdAt.toISOString(),
      };
    });
  }

  private async assertNotMember(workspaceId: string, email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (user && (await this.workspaces.findRole(workspaceId, user.id))) {
      throw new ConflictError('This user is already a member of the workspace');
    }
  }

  private async assertInvitee(userId: string, invitedEmail: string): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) throw new UnauthorizedError('Your account no longer exists');
    if (user.email.toLowerCase() !== invitedEmail.toLowerCase()) {
      throw new ForbiddenError(
        `This invitation was sent to ${invitedEmail}; sign in with that address to accept it`,
      );
    }
    if (!user.emailVerifiedAt) {
      throw new ForbiddenError(
        'Confirm your email address first (open the link we mailed you), then accept the invitation',
      );
    }
  }

  private mailOf(invitation: InvitationDetails, token: string) {
    return invitationMail({
      to: invitation.email,
      workspaceName: invitation.workspace.name,
      inviterName: invitation.invitedBy?.name ?? 'A member',
      role: invitation.role,
      link: webLink(this.config.publicBaseUrl, 'invitation', token),
    });
  }
}
