import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { UnauthorizedError } from '@app/contracts';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC } from '../http/public.decorator.js';
import { bearerToken } from './jwt.strategy.js';
import { VerifiedTokenCache } from './verified-token.cache.js';

/** Every route needs a valid access token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly verified: VerifiedTokenCache,
  ) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: unknown }>();
    const token = bearerToken(request as unknown as Parameters<typeof bearerToken>[0]);
    const principal = token ? this.verified.get(token) : undefined;
    if (!principal) return super.canActivate(context);
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
}
