import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { MailModule } from '../mail/mail.module.js';
import { WorkspacesModule } from '../workspaces/workspaces.module.js';
import { InvitationEntity } from './invitation.entity.js';
import { InvitationsHandlers } from './invitations.handlers.js';
import { InvitationsRepository } from './invitations.repository.js';
import { InvitationsService } from './invitations.service.js';

/** The entities invitations add to the auth schema. */
export const INVITATION_ENTITIES = [InvitationEntity];

/** Invitations to a workspace: mailed, listed while pending, revoked, accepted by the invitee. */
@Module({
  imports: [AccountsModule, WorkspacesModule, MailModule],
  controllers: [InvitationsHandlers],
  providers: [InvitationsRepository, InvitationsService],
})
export class InvitationsModule {}
