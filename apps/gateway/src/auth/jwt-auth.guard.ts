import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ForbiddenError, isApiKey, type Principal, UnauthorizedError } from '@app/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiKeyVerifier } from '../api-keys/api-key.verifier.js';
import { IS_PUBLIC } from '../http/public.decorator.js';
import { IS_SESSION_ONLY } from '../http/session-only.decorator.js';
import { RequestLimiter } from '../rate-limit/request-limiter.js';
import { bearerToken } from './jwt.strategy.js';
import { VerifiedTokenCache } from './verified-token.cache.js';

type AuthenticatedRequest = FastifyRequest & { user?: Principal };

/**
 * Every route needs a valid access token or API key (`Bearer sk_...`) unless marked @Public(); routes marked
 * @SessionOnly() refuse API keys. Refused credentials count against the client address's anonymous limit,
 * so guessing tokens or keys is throttled like any anonymous traffic.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly verified: VerifiedTokenCache,
    private readonly apiKeys: ApiKeyVerifier,
    private readonly limiter: RequestLimiter,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.isMarked(IS_PUBLIC, context)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    try {
      return await this.authenticate(context, request);
    } catch (error) {
      if (error instanceof UnauthorizedError) await this.limiter.count('anonymous', request);
      throw error;
    }
  }

  private async authenticate(context: ExecutionContext, request: AuthenticatedRequest): Promise<boolean> {
    const token = bearerToken(request as unknown as Parameters<typeof bearerToken>[0]);
    if (token && isApiKey(token)) {
      request.user = await this.apiKeys.principalOf(token, {
        correlationId: String(request.id),
        clientIp: request.ip,
      });
      if (this.isMarked(IS_SESSION_ONLY, context)) {
        throw new ForbiddenError('An API key cannot be used for this: sign in to Shopcast to do it');
      }
      return true;
    }
    const principal = token ? this.verified.get(token) : undefined;
    if (!principal) return (await super.canActivate(context)) as boolean;
    request.user = principal;
    return true;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false, info: unknown): TUser {
    if (error) throw error;
    if (!user) {
      const reason =
        info instanceof Error && info.name === 'TokenExpiredError' ? 'Access token expired' : undefined;
      throw new UnauthorizedError(reason ?? 'Missing or invalid access token');
    }
    return user;
  }

  private isMarked(key: string, context: ExecutionContext): boolean {
    return (
      this.reflector.getAllAndOverride<boolean | undefined>(key, [
        context.getHandler(),
        context.getClass(),
      ]) === true
    );
  }
}
