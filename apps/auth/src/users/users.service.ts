import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ConflictError,
  effectiveRole,
  EventSubjects,
  type MeView,
  type Principal,
  type RegisterDto,
  type RegisterResultView,
  UnauthorizedError,
} from '@app/contracts';
import { type CallContext, Outbox } from '@app/messaging';
import { TransactionHost } from '@app/database';
import { PasswordHasher } from '../accounts/password.hasher.js';
import { UsersRepository } from '../accounts/users.repository.js';
import { TokensService } from '../sessions/tokens.service.js';
import { EmailVerificationService } from '../verification/email-verification.service.js';
import { toWorkspaceView } from '../workspaces/workspace.mapper.js';
import { WorkspacesRepository } from '../workspaces/workspaces.repository.js';
import { defaultWorkspaceName, WorkspacesService } from '../workspaces/workspaces.service.js';
import { assertStrongPassword } from './password.policy.js';
import { toUserView } from './user.mapper.js';

/** Sign-up (an account, its first workspace and session) and who the caller is. */
@Injectable()
export class UsersService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly users: UsersRepository,
    private readonly workspaces: WorkspacesRepository,
    private readonly workspaceService: WorkspacesService,
    private readonly passwords: PasswordHasher,
    private readonly tokens: TokensService,
    private readonly outbox: Outbox,
    private readonly verification: EmailVerificationService,
  ) {}

  /**
   * Creates the user, their first workspace (as owner), the `auth.workspace.created` and
   * `auth.user.registered` events and a first session, all in one transaction; mails the link that verifies
   * the address once it commits. Until then the account works but cannot accept invitations.
   */
  async register(context: CallContext, dto: RegisterDto): Promise<RegisterResultView> {
    assertStrongPassword(dto.password);
    const passwordHash = await this.passwords.hash(dto.password);
    const email = dto.email.trim().toLowerCase();
    return this.tx.run(async () => {
      const user = await this.users.insertUnlessEmailTaken({
        id: randomUUID(),
        email,
        name: dto.name,
        passwordHash,
      });
      if (!user) throw new ConflictError('An account with this email already exists');
      const workspaceName = dto.workspaceName ?? defaultWorkspaceName(dto.name);
      const workspace = await this.workspaceService.createWithOwner(context, user.id, workspaceName);
      await this.outbox.add(
        EventSubjects.userRegistered,
        { userId: user.id, email: user.email, name: user.name, workspaceId: workspace.id },
        { workspaceId: workspace.id, correlationId: context.correlationId },
      );
      await this.verification.sendVerification(user);
      const principal: Principal = { userId: user.id, workspaceId: workspace.id, role: 'owner' };
      const tokens = await this.tokens.issuePair(principal);
      return { ...tokens, user: toUserView(user), workspace: toWorkspaceView(workspace) };
    });
  }

  /** The caller with their current workspace and their role in it as stored now (not as in the token). */
  async me(principal: Principal): Promise<MeView> {
    const membership = await this.workspaces.findMember(principal.workspaceId, principal.userId);
    if (!membership) throw new UnauthorizedError('You are no longer a member of this workspace');
    return {
      user: toUserView(membership.user),
      workspace: toWorkspaceView(membership.workspace),
      role: effectiveRole(principal, membership.role),
    };
  }
}
