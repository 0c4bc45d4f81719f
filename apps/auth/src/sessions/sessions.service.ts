import { Injectable } from '@nestjs/common';
import {
  type LoginDto,
  NotFoundError,
  type Principal,
  type TokenPairView,
  UnauthorizedError,
} from '@app/contracts';
import type { CallContext } from '@app/messaging';
import { TransactionHost } from '@app/database';
import { PasswordHasher } from '../accounts/password.hasher.js';
import type { UserEntity } from '../accounts/user.entity.js';
import { UsersRepository } from '../accounts/users.repository.js';
import { WorkspacesRepository } from '../workspaces/workspaces.repository.js';
import { defaultWorkspaceName, WorkspacesService } from '../workspaces/workspaces.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { SessionsRepository } from './sessions.repository.js';
import { hashRefreshToken, TokensService } from './tokens.service.js';

// One message for an unknown email and a wrong password, so sign-in does not reveal who has an account.
const INVALID_CREDENTIALS = 'Email or password is incorrect';
const INVALID_REFRESH_TOKEN = 'Refresh token is invalid, expired or revoked; sign in again';

/**
 * Sign-in, refresh-token rotation with reuse detection, sign-out and workspace switching. A refresh
 * token works once: using it marks it used and issues the next one of its family; presenting a used one
 * again means it was copied, so the whole family is revoked.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly sessions: SessionsRepository,
    private readonly users: UsersRepository,
    private readonly workspaces: WorkspacesRepository,
    private readonly workspaceService: WorkspacesService,
    private readonly passwords: PasswordHasher,
    private readonly throttle: LoginThrottleService,
    private readonly tokens: TokensService,
  ) {}

  async login(context: CallContext, dto: LoginDto): Promise<TokenPairView> {
    const { clientIp } = context;
    const email = dto.email.trim().toLowerCase();
    await this.throttle.admit(email, clientIp);
    const user = await this.users.findByEmail(email);
    const isValid = user
      ? await this.passwords.verify(user.passwordHash, dto.password)
      : await this.passwords.verifyNobody(dto.password);
    if (!user || !isValid) throw new UnauthorizedError(INVALID_CREDENTIALS);
    await this.throttle.reset(email, clientIp);
    return this.tokens.issuePair(await this.signInPrincipal(context, user));
  }

  async refresh(refreshToken: string): Promise<TokenPairView> {
    const token = await this.sessions.findRefreshToken(hashRefreshToken(refreshToken));
    if (!token || token.revokedAt) throw new UnauthorizedError(INVALID_REFRESH_TOKEN);
    if (token.usedAt) return this.revokeAndRefuse(token.familyId);
    if (token.expiresAt.getTime() <= Date.now()) throw new UnauthorizedError(INVALID_REFRESH_TOKEN);
    const role = await this.workspaces.findRole(token.workspaceId, token.userId);
    if (!role) return this.revokeAndRefuse(token.familyId);
    const principal: Principal = { userId: token.userId, workspaceId: token.workspaceId, role };
    const next = await this.tx.run(async () => {
      if (!(await this.sessions.markUsed(token.id))) return null;
      return this.tokens.issuePair(principal, token.familyId);
    });
    // Losing the race to mark the token used means another request presented the same token.
    return next ?? this.revokeAndRefuse(token.familyId);
  }

  /** Revokes the token's family; false when the token is unknown (sign-out is then already done). */
  async logout(refreshToken: string): Promise<{ revoked: boolean }> {
    const token = await this.sessions.findRefreshToken(hashRefreshToken(refreshToken));
    if (!token) return { revoked: false };
    await this.sessions.revokeFamily(token.familyId);
    return { revoked: true };
  }

  /** A new session scoped to another workspace of the caller; 404 when they are not a member. */
  async switchWorkspace(principal: Principal, workspaceId: string): Promise<TokenPairView> {
    const role = await this.workspaces.findRole(workspaceId, principal.userId);
    if (!role) throw new NotFoundError('Workspace');
    return this.tokens.issuePair({ userId: principal.userId, workspaceId, role });
  }

  private async revokeAndRefuse(familyId: string): Promise<never> {
    await this.sessions.revokeFamily(familyId);
    throw new UnauthorizedError(INVALID_REFRESH_TOKEN);
  }

  /**
   * The user's oldest membership. Someone removed from every workspace gets a fresh one of their own,
   * so an account can always sign in.
   */
  private async signInPrincipal(context: CallContext, user: UserEntity): Promise<Principal> {
    const membership = await this.workspaces.findFirstMembership(user.id);
    if (membership) return { userId: user.id, workspaceId: membership.workspaceId, role: membership.role };
    const workspace = await this.workspaceService.createWithOwner(
      context,
      user.id,
      defaultWorkspaceName(user.name),
    );
    return { userId: user.id, workspaceId: workspace.id, role: 'owner' };
  }
}
