import { Controller } from '@nestjs/common';
import { AuthSubjects, type CreateWorkspaceDto } from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { WorkspacesService } from './workspaces.service.js';

@Controller()
export class WorkspacesHandlers {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Handles(AuthSubjects.listWorkspaces, 'read')
  list(@Context() context: RequestContext) {
    return this.workspaces.list(context.principal);
  }

  @Handles(AuthSubjects.createWorkspace, 'read')
  create(@Context() context: RequestContext, @Data() data: CreateWorkspaceDto) {
    return this.workspaces.create(context, data);
  }
}
