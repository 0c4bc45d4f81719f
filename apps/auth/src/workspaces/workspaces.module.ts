import { Module } from '@nestjs/common';
import { CURRENT_ROLE } from '@app/messaging';
import { AccountsModule } from '../accounts/accounts.module.js';
import { MembersHandlers } from './members.handlers.js';
import { MembersService } from './members.service.js';
import { MembershipEntity } from './membership.entity.js';
import { WorkspaceEntity } from './workspace.entity.js';
import { WorkspacesHandlers } from './workspaces.handlers.js';
import { WorkspacesRepository } from './workspaces.repository.js';
import { WorkspacesService } from './workspaces.service.js';

/** The entities workspaces and their memberships add to the auth schema. */
export const WORKSPACE_ENTITIES = [WorkspaceEntity, MembershipEntity];

/**
 * Workspaces, memberships and roles. Sign-up and sign-in create workspaces and read memberships through the
 * exported service and repository. Auth holds the memberships, so it provides CURRENT_ROLE: the `write` and
 * `manage` requests of this module, and of every module that imports it, are checked against the role held
 * now rather than the token's.
 */
@Module({
  imports: [AccountsModule],
  controllers: [WorkspacesHandlers, MembersHandlers],
  providers: [
    WorkspacesRepository,
    WorkspacesService,
    MembersService,
    { provide: CURRENT_ROLE, useExisting: WorkspacesService },
  ],
  exports: [WorkspacesService, WorkspacesRepository, CURRENT_ROLE],
})
export class WorkspacesModule {}
