import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule, type ServiceDatabaseOptions } from '@app/database';
import { MessagingModule, type Runtime } from '@app/messaging';
import { ACCOUNT_ENTITIES, AccountsModule } from './accounts/accounts.module.js';
import { ApiKeyEntity } from './api-keys/api-key.entity.js';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { INVITATION_ENTITIES, InvitationsModule } from './invitations/invitations.module.js';
import { PasswordResetModule } from './password-reset/password-reset.module.js';
import { KEY_ENTITIES, KeysModule } from './keys/keys.module.js';
import { AUTH_MIGRATIONS } from './migrations/index.js';
import { SESSION_ENTITIES, SessionsModule } from './sessions/sessions.module.js';
import { UsersModule } from './users/users.module.js';
import { VerificationModule } from './verification/verification.module.js';
import { WORKSPACE_ENTITIES, WorkspacesModule } from './workspaces/workspaces.module.js';

export const AUTH_SCHEMA = 'auth';

export const AUTH_ENTITIES = [
  ...ACCOUNT_ENTITIES,
  ...WORKSPACE_ENTITIES,
  ...SESSION_ENTITIES,
  ...KEY_ENTITIES,
  ApiKeyEntity,
  ...INVITATION_ENTITIES,
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
        AccountsModule,
        KeysModule,
        WorkspacesModule,
        SessionsModule,
        UsersModule,
        ApiKeysModule,
        VerificationModule,
        InvitationsModule,
        PasswordResetModule,
      ],
    };
  }
}
