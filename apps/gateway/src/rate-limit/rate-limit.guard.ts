import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '@app/contracts';
import { RATE_LIMIT_POLICY, type RateLimitPolicy } from './rate-limit.decorator.js';
import { RequestLimiter } from './request-limiter.js';

/**
 * Runs after authentication: a signed-in request counts against its workspace, an anonymous one against
 * its client address, and routes marked @RateLimit('sign-in' | 'costly') against their stricter limit too.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RequestLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.limiter.isEnabled) return true;
    const policy = this.reflector.getAllAndOverride<RateLimitPolicy | undefined>(RATE_LIMIT_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (policy === 'none') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: Principal }>();
    const reply = http.getResponse<FastifyReply>();
    if (policy === 'sign-in') await this.limiter.count('sign-in', request);
    if (policy === 'costly') await this.limiter.count('costly', request);
    await this.limiter.count(request.user ? 'workspace' : 'anonymous', request, reply);
    return true;
  }
}
