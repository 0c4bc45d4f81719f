import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { KeysModule } from '../keys/keys.module.js';
import { WorkspacesModule } from '../workspaces/workspaces.module.js';
import { LoginAccountBackoffEntity } from './login-account-backoff.entity.js';
import { LoginFailureEntity } from './login-failure.entity.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import { SessionsHandlers } from './sessions.handlers.js';
import { SessionsPruner } from './sessions-pruner.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';
import { TokensService } from './tokens.service.js';

/** The entities sessions add to the auth schema. */
export const SESSION_ENTITIES = [RefreshTokenEntity, LoginFailureEntity, LoginAccountBackoffEntity];

/** Sign-in, refresh-token rotation, sign-out and workspace switching; sign-up issues its first pair with TokensService. */
@Module({
  imports: [AccountsModule, WorkspacesModule, KeysModule],
  controllers: [SessionsHandlers],
  providers: [SessionsRepository, TokensService, LoginThrottleService, SessionsService, SessionsPruner],
  exports: [TokensService, SessionsRepository],
})
export class SessionsModule {}
