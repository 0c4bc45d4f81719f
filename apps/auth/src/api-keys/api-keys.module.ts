import { Module } from '@nestjs/common';
import { CURRENT_ROLE } from '@app/messaging';
import { ApiKeysHandlers } from './api-keys.handlers.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';

/**
 * API keys for scripts and integrations: created, listed and revoked by a workspace's members, and verified
 * for the gateway. Its handlers' `write` and `manage` checks read the caller's current role (CURRENT_ROLE).
 */
@Module({
  controllers: [ApiKeysHandlers],
  providers: [ApiKeysRepository, ApiKeysService, { provide: CURRENT_ROLE, useExisting: ApiKeysService }],
  exports: [ApiKeysService],
})
export class ApiKeysModule {}
