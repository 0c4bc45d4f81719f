import { Controller } from '@nestjs/common';
import { AuthSubjects, type LoginDto, type RefreshTokenDto, type SwitchWorkspaceDto } from '@app/contracts';
import { type CallContext, Context, Data, Handles, type RequestContext } from '@app/messaging';
import { SessionsService } from './sessions.service.js';

@Controller()
export class SessionsHandlers {
  constructor(private readonly sessions: SessionsService) {}

  @Handles(AuthSubjects.login, 'public')
  login(@Context() context: CallContext, @Data() data: LoginDto) {
    return this.sessions.login(context, data);
  }

  @Handles(AuthSubjects.refresh, 'public')
  refresh(@Data() data: RefreshTokenDto) {
    return this.sessions.refresh(data.refreshToken);
  }

  @Handles(AuthSubjects.logout, 'public')
  logout(@Data() data: RefreshTokenDto) {
    return this.sessions.logout(data.refreshToken);
  }

  @Handles(AuthSubjects.switchWorkspace, 'read')
  switchWorkspace(@Context() context: RequestContext, @Data() data: SwitchWorkspaceDto) {
    return this.sessions.switchWorkspace(context.principal, data.workspaceId);
  }
}
