import { Controller } from '@nestjs/common';
import { type AddMemberDto, AuthSubjects, type InvitationParams, type MailedTokenDto } from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { InvitationsService } from './invitations.service.js';

/** `manage` is checked against the role the database holds now (auth provides CURRENT_ROLE). */
@Controller()
export class InvitationsHandlers {
  constructor(private readonly invitations: InvitationsService) {}

  @Handles(AuthSubjects.inviteMember, 'manage')
  invite(@Context() context: RequestContext, @Data() data: AddMemberDto) {
    return this.invitations.invite(context.principal, data);
  }

  @Handles(AuthSubjects.listInvitations, 'read')
  list(@Context() context: RequestContext) {
    return this.invitations.list(context.principal);
  }

  @Handles(AuthSubjects.revokeInvitation, 'manage')
  revoke(@Context() context: RequestContext, @Data() data: InvitationParams) {
    return this.invitations.revoke(context.principal, data.invitationId);
  }

  /** Public: holding the mailed token is what lets one see the invitation. */
  @Handles(AuthSubjects.previewInvitation, 'public')
  preview(@Data() data: MailedTokenDto) {
    return this.invitations.preview(data.token);
  }

  @Handles(AuthSubjects.acceptInvitation, 'read')
  accept(@Context() context: RequestContext, @Data() data: MailedTokenDto) {
    return this.invitations.accept(context.principal, data.token);
  }
}
