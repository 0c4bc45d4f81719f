import { Controller } from '@nestjs/common';
import { AuthSubjects, type MemberParams, type UpdateMemberRequest } from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { MembersService } from './members.service.js';

/** `manage` is checked against the role the database holds now (auth provides CURRENT_ROLE). */
@Controller()
export class MembersHandlers {
  constructor(private readonly members: MembersService) {}

  @Handles(AuthSubjects.listMembers, 'read')
  list(@Context() context: RequestContext) {
    return this.members.list(context.principal);
  }

  /** How the gateway re-checks, every few seconds, that a signed-in caller still holds the role of their token. */
  @Handles(AuthSubjects.currentMember, 'read')
  async current(@Context() context: RequestContext) {
    return { role: await this.members.currentRole(context.principal) };
  }

  @Handles(AuthSubjects.updateMember, 'manage')
  update(@Context() context: RequestContext, @Data() data: UpdateMemberRequest) {
    return this.members.update(context.principal, data);
  }

  @Handles(AuthSubjects.removeMember, 'manage')
  remove(@Context() context: RequestContext, @Data() data: MemberParams) {
    return this.members.remove(context.principal, data.userId);
  }
}
