import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '@app/contracts';
import type { CallContext } from '@app/messaging';

/** Builds the bus call context of an HTTP request: the verified principal, the request id and the client IP. */
export function callContextOf(request: FastifyRequest): CallContext {
  const principal = (request as FastifyRequest & { user?: Principal }).user ?? null;
  return { principal, correlationId: String(request.id), clientIp: request.ip };
}

/** Injects the CallContext of the current request. */
export const Call = createParamDecorator((_: unknown, context: ExecutionContext) =>
  callContextOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
