import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { Principal, TokenPairView } from '@app/contracts';
import { SigningKeysService } from '../keys/signing-keys.service.js';
import { SessionsRepository } from './sessions.repository.js';

const REFRESH_TOKEN_BYTES = 32;

/** The only form in which a refresh token is stored or looked up. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Issues access + refresh token pairs. */
@Injectable()
export class TokensService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly signingKeys: SigningKeysService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A new pair for the principal: the refresh token joins `familyId` (a rotation) or starts a new family
   * (a sign-in). Joins the caller's transaction when the pair belongs to a larger change.
   */
  async issuePair(principal: Principal, familyId: string = randomUUID()): Promise<TokenPairView> {
    const { accessTokenTtlSec, refreshTokenTtlSec } = this.config.auth;
    const refreshToken = randomBytes(REFRESH_TOKEN_BYTES).toString('base64url');
    await this.sessions.insertRefreshToken({
      id: randomUUID(),
      tokenHash: hashRefreshToken(refreshToken),
      familyId,
      userId: principal.userId,
      workspaceId: principal.workspaceId,
      expiresAt: new Date(Date.now() + refreshTokenTtlSec * 1000),
    });
    return {
      accessToken: await this.signingKeys.signAccessToken(principal),
      refreshToken,
      expiresIn: accessTokenTtlSec,
      tokenType: 'Bearer',
    };
  }
}
