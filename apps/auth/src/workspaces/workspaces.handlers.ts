import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AuthSubjects,
  CreateWorkspaceDto,
  type RpcEnvelope,
  type WorkspaceMembershipView,
} from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import { WorkspacesService } from './workspaces.service.js';

@Controller()
export class WorkspacesHandlers {
  constructor(private readonly workspaces: WorkspacesService) {}

  @MessagePattern(AuthSubjects.listWorkspaces)
  list(@Payload(new EnvelopePipe()) envelope: RpcEnvelope<unknown>): Promise<WorkspaceMembershipView[]> {
    return this.workspaces.list(requirePrincipal(envelope));
  }

  @MessagePattern(AuthSubjects.createWorkspace)
  create(
    @Payload(new EnvelopePipe(CreateWorkspaceDto)) envelope: RpcEnvelope<CreateWorkspaceDto>,
  ): Promise<WorkspaceMembershipView> {
    return this.workspaces.create(requirePrincipal(envelope), envelope.data, envelope.correlationId);
  }
}
