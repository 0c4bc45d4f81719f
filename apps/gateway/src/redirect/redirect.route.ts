import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { RateLimitedError, type ResolvedLink } from '@app/contracts';
import { LOGGER } from '@app/observability';
import { isFromTrustedProxy, type ProxyTrust, proxyTrust } from '../http/trusted-proxy.js';
import { RequestLimiter } from '../rate-limit/request-limiter.js';
import { ClickBuilder } from './click-builder.js';
import { ClickQueue } from './click-queue.js';
import { LinkCache } from './link-cache.js';
import { gonePage, notFoundPage, tooManyLookupsPage, unavailablePage } from './redirect-pages.js';

type RedirectRequest = FastifyRequest<{ Params: { code: string }; Querystring: Record<string, unknown> }>;

/**
 * `GET /l/:code` (and HEAD): 302 to the link's destination with UTM parameters and a fresh click id. The
 * click is queued, never awaited; the lookup is answered from memory after the first visit.
 *
 * The hottest route of the gateway, so it is a plain Fastify route: no guard, pipe or interceptor has
 * anything to do for a public redirect, and going around them more than doubles its throughput. Security
 * headers are kept for the HTML error pages only; a bodyless 302 needs none.
 */
@Injectable()
export class RedirectRoute implements OnModuleInit {
  private readonly clickIdParam: string;
  private readonly countryHeader: string;
  private readonly trust: ProxyTrust;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly links: LinkCache,
    private readonly clicks: ClickQueue,
    private readonly builder: ClickBuilder,
    private readonly limiter: RequestLimiter,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.clickIdParam = config.links.clickIdParam;
    this.countryHeader = config.links.countryHeader;
    this.trust = proxyTrust(config.trustProxy);
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.get('/l/:code', { config: { helmet: { skipRoute: true } } }, (request, reply) =>
      this.redirect(request as RedirectRequest, reply),
    );
  }

  private async redirect(request: RedirectRequest, reply: FastifyReply): Promise<void> {
    const now = Date.now();
    // Only codes this gateway must look up are counted: a flood of made-up codes would otherwise cost analytics
    // one query each, while visitors of real links, however many behind one address, are answered from memory.
    if (this.links.needsLookup(request.params.code, now)) {
      try {
        await this.limiter.count('link-lookup', request);
      } catch (error) {
        if (!(error instanceof RateLimitedError)) throw error;
        const retryAfter = String(error.details?.retryAfterSec ?? 60);
        return void page(reply.code(429).header('retry-after', retryAfter), tooManyLookupsPage);
      }
    }
    let link: ResolvedLink | null;
    try {
      const found = this.links.get(request.params.code, now);
      link = found instanceof Promise ? await found : found;
    } catch (error) {
      this.logger.warn({ err: error, code: request.params.code }, 'link lookup failed');
      return void page(reply.code(503).header('retry-after', '5'), unavailablePage);
    }
    if (!link) return void page(reply.code(404), notFoundPage);
    if (link.expiresAt && Date.parse(link.expiresAt) <= now) return void page(reply.code(410), gonePage);
    const click = this.builder.build(link, {
      method: request.method,
      ip: request.ip,
      userAgent: request.headers['user-agent'],
      referer: request.headers.referer,
      country: this.countryOf(request),
      now,
    });
    this.clicks.add(click);
    void reply
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer-when-downgrade')
      .redirect(destination(link, this.clickIdParam, click.id, request.query), 302);
  }

  /** The country header, believed only when a trusted proxy set it: a client could send any value itself. */
  private countryOf(request: RedirectRequest): string | undefined {
    if (!isFromTrustedProxy(this.trust, request.socket.remoteAddress)) return undefined;
    return headerValue(request.headers[this.countryHeader]);
  }
}

function page(reply: FastifyReply, html: string): FastifyReply {
  return reply
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
    .type('text/html; charset=utf-8')
    .send(html);
}

/** The tracked URL with the click id, plus any query the visitor's short link carried. */
function destination(link: ResolvedLink, clickIdParam: string, clickId: string, query: unknown): string {
  const url = new URL(link.trackedUrl);
  if (query && typeof query === 'object') {
    for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
      if (typeof value === 'string' && !url.searchParams.has(key)) url.searchParams.set(key, value);
    }
  }
  url.searchParams.set(clickIdParam, clickId);
  return url.toString();
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
