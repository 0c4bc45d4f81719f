import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AuthSubjects,
  LoginDto,
  RefreshTokenDto,
  type RpcEnvelope,
  SwitchWorkspaceDto,
  type TokenPairView,
} from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import { SessionsService } from './sessions.service.js';

@Controller()
export class SessionsHandlers {
  constructor(private readonly sessions: SessionsService) {}

  @MessagePattern(AuthSubjects.login)
  login(@Payload(new EnvelopePipe(LoginDto)) envelope: RpcEnvelope<LoginDto>): Promise<TokenPairView> {
    return this.sessions.login(envelope.data, envelope.clientIp, envelope.correlationId);
  }

  @MessagePattern(AuthSubjects.refresh)
  refresh(
    @Payload(new EnvelopePipe(RefreshTokenDto)) envelope: RpcEnvelope<RefreshTokenDto>,
  ): Promise<TokenPairView> {
    return this.sessions.refresh(envelope.data.refreshToken);
  }

  @MessagePattern(AuthSubjects.logout)
  logout(
    @Payload(new EnvelopePipe(RefreshTokenDto)) envelope: RpcEnvelope<RefreshTokenDto>,
  ): Promise<{ revoked: boolean }> {
    return this.sessions.logout(envelope.data.refreshToken);
  }

  @MessagePattern(AuthSubjects.switchWorkspace)
  switchWorkspace(
    @Payload(new EnvelopePipe(SwitchWorkspaceDto)) envelope: RpcEnvelope<SwitchWorkspaceDto>,
  ): Promise<TokenPairView> {
    return this.sessions.switchWorkspace(requirePrincipal(envelope), envelope.data.workspaceId);
  }
}
