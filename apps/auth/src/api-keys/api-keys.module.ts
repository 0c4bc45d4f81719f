import { Module } from '@nestjs/common';
import { WorkspacesModule } from '../workspaces/workspaces.module.js';
import { ApiKeysHandlers } from './api-keys.handlers.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';

/**
 * API keys for scripts and integrations: created, listed and revoked by a workspace's members, and verified
 * for the gateway. WorkspacesModule brings CURRENT_ROLE, so its `write` and `manage` checks read the caller's
 * current role.
 */
@Module({
  imports: [WorkspacesModule],
  controllers: [ApiKeysHandlers],
  providers: [ApiKeysRepository, ApiKeysService],
  exports: [ApiKeysService],
})
export class ApiKeysModule {}
