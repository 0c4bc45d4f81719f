import { Module } from '@nestjs/common';
import { EmailTokenEntity } from './email-token.entity.js';
import { EmailTokensRepository } from './email-tokens.repository.js';
import { PasswordHasher } from './password.hasher.js';
import { UserEntity } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

/** The entities user accounts add to the auth schema. */
export const ACCOUNT_ENTITIES = [UserEntity, EmailTokenEntity];

/**
 * User accounts as stored: the users table and password hashing. Sign-up creates accounts, sign-in checks
 * their passwords and members are added by their email; this module serves all three and needs none of them.
 */
@Module({
  providers: [UsersRepository, EmailTokensRepository, PasswordHasher],
  exports: [UsersRepository, EmailTokensRepository, PasswordHasher],
})
export class AccountsModule {}
