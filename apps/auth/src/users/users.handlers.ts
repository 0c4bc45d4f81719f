import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AuthSubjects,
  type MeView,
  RegisterDto,
  type RegisterResultView,
  type RpcEnvelope,
} from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import { UsersService } from './users.service.js';

@Controller()
export class UsersHandlers {
  constructor(private readonly users: UsersService) {}

  @MessagePattern(AuthSubjects.register)
  register(
    @Payload(new EnvelopePipe(RegisterDto)) envelope: RpcEnvelope<RegisterDto>,
  ): Promise<RegisterResultView> {
    return this.users.register(envelope.data, envelope.correlationId);
  }

  @MessagePattern(AuthSubjects.me)
  me(@Payload(new EnvelopePipe()) envelope: RpcEnvelope<unknown>): Promise<MeView> {
    return this.users.me(requirePrincipal(envelope));
  }
}
