import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule, type ServiceDatabaseOptions } from '@app/database';
import { CURRENT_ROLE, MessagingModule, type Runtime } from '@app/messaging';
import { ApiKeyEntity } from './api-keys/api-key.entity.js';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { KeysHandlers } from './keys/keys.handlers.js';
import { KeysRepository } from './keys/keys.repository.js';
import { SigningKeyEntity } from './keys/signing-key.entity.js';
import { SigningKeysService } from './keys/signing-keys.service.js';
import { AUTH_MIGRATIONS } from './migrations/index.js';
import { LoginFailureEntity } from './sessions/login-failure.entity.js';
import { LoginThrottleService } from './sessions/login-throttle.service.js';
import { RefreshTokenEntity } from './sessions/refresh-token.entity.js';
import { SessionsHandlers } from './sessions/sessions.handlers.js';
import { SessionsPruner } from './sessions/sessions-pruner.js';
import { SessionsRepository } from './sessions/sessions.repository.js';
import { SessionsService } from './sessions/sessions.service.js';
import { TokensService } from './sessions/tokens.service.js';
import { PasswordHasher } from './users/password.hasher.js';
import { UserEntity } from './users/user.entity.js';
import { UsersHandlers } from './users/users.handlers.js';
import { UsersRepository } from './users/users.repository.js';
import { UsersService } from './users/users.service.js';
import { MembersHandlers } from './workspaces/members.handlers.js';
import { MembersService } from './workspaces/members.service.js';
import { MembershipEntity } from './workspaces/membership.entity.js';
import { WorkspaceEntity } from './workspaces/workspace.entity.js';
import { WorkspacesHandlers } from './workspaces/workspaces.handlers.js';
import { WorkspacesRepository } from './workspaces/workspaces.repository.js';
import { WorkspacesService } from './workspaces/workspaces.service.js';

export const AUTH_SCHEMA = 'auth';

export const AUTH_ENTITIES = [
  UserEntity,
  WorkspaceEntity,
  MembershipEntity,
  RefreshTokenEntity,
  LoginFailureEntity,
  SigningKeyEntity,
  ApiKeyEntity,
];

export function authDatabase(config: AppConfig): ServiceDatabaseOptions {
  return {
    url: config.databaseUrl,
    schema: AUTH_SCHEMA,
    entities: AUTH_ENTITIES,
    migrations: AUTH_MIGRATIONS,
  };
}

/** Users, workspaces and roles, sessions (access JWTs and rotating refresh tokens) and the signing keys. */
@Module({})
export class AuthModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: AuthModule,
      imports: [
        ConfigModule.forRoot(runtime.config),
        DatabaseModule.forService(authDatabase(runtime.config)),
        MessagingModule.forService(runtime, 'auth', AUTH_SCHEMA),
        ApiKeysModule,
      ],
      controllers: [UsersHandlers, SessionsHandlers, WorkspacesHandlers, MembersHandlers, KeysHandlers],
      providers: [
        UsersRepository,
        WorkspacesRepository,
        SessionsRepository,
        KeysRepository,
        PasswordHasher,
        SigningKeysService,
        TokensService,
        LoginThrottleService,
        WorkspacesService,
        // Auth holds the memberships: `write` and `manage` requests are checked against the current role.
        { provide: CURRENT_ROLE, useExisting: WorkspacesService },
        MembersService,
        UsersService,
        SessionsService,
        SessionsPruner,
      ],
    };
  }
}
