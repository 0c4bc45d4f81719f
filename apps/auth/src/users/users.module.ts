import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { WorkspacesModule } from '../workspaces/workspaces.module.js';
import { VerificationModule } from '../verification/verification.module.js';
import { UsersHandlers } from './users.handlers.js';
import { UsersService } from './users.service.js';

/** Sign-up (an account, its first workspace, a first session and a verification mail) and who the caller is. */
@Module({
  imports: [AccountsModule, WorkspacesModule, SessionsModule, VerificationModule],
  controllers: [UsersHandlers],
  providers: [UsersService],
})
export class UsersModule {}
