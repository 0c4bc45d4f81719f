import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Route config flag (set with `@RouteConfig(KEEP_RAW_BODY)`) asking for the exact request bytes. */
export const KEEP_RAW_BODY = { keepRawBody: true } as const;

/** KEEP_RAW_BODY for a route whose bodies may be larger than the gateway's default limit. */
export function keepRawBodyUpTo(bodyLimit: number) {
  return { keepRawBody: true, bodyLimit } as const;
}

interface RawBodyRouteConfig {
  keepRawBody?: boolean;
  bodyLimit?: number;
}

const RAW_BODY_LIMIT = 1024 * 1024;

/** The bytes of a request whose route keeps its raw body, as received (before JSON parsing). */
export function rawBodyOf(request: FastifyRequest): Buffer | undefined {
  return (request as FastifyRequest & { rawBody?: Buffer }).rawBody;
}

/**
 * Keeps the raw body of routes marked with KEEP_RAW_BODY (signature checks need the exact bytes); every
 * other route pays one property read.
 */
export function keepRawBodiesOfMarkedRoutes(fastify: FastifyInstance): void {
  // Fastify refuses a body above the route's own limit before any hook sees it; a marked route's limit is its own.
  fastify.addHook('onRoute', (route) => {
    const limit = (route.config as RawBodyRouteConfig | undefined)?.bodyLimit;
    if (limit !== undefined) route.bodyLimit = limit;
  });
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    const config = request.routeOptions.config as RawBodyRouteConfig | undefined;
    if (!config?.keepRawBody) return payload;
    const limit = config.bodyLimit ?? RAW_BODY_LIMIT;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      size += (chunk as Buffer).length;
      if (size > limit) throw Object.assign(new Error('Request body is too large'), { statusCode: 413 });
      chunks.push(chunk as Buffer);
    }
    const raw = Buffer.concat(chunks);
    (request as FastifyRequest & { rawBody?: Buffer }).rawBody = raw;
    return Readable.from([raw]);
  });
}
