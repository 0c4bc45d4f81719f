import { Controller, Get, Inject, Param, Res, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { ResolvedLink } from '@app/contracts';
import { Public } from '../http/public.decorator.js';
import { ClickBuilder } from './click-builder.js';
import { ClickQueue } from './click-queue.js';
import { LinkCache } from './link-cache.js';
import { notFoundPage, gonePage } from './redirect-pages.js';

/**
 * `GET /l/:code` (and HEAD): 302 to the link's destination with UTM parameters and a fresh click id. The
 * click is queued, never awaited; the lookup is answered from memory after the first visit.
 */
@ApiExcludeController()
@Public()
@Controller('l')
export class RedirectController {
  private readonly clickIdParam: string;
  private readonly countryHeader: string;

  constructor(
    private readonly links: LinkCache,
    private readonly clicks: ClickQueue,
    private readonly builder: ClickBuilder,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.clickIdParam = config.links.clickIdParam;
    this.countryHeader = config.links.countryHeader;
  }

  @Get(':code')
  async redirect(
    @Param('code') code: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const now = Date.now();
    const found = this.links.get(code, now);
    const link = found instanceof Promise ? await found : found;
    if (!link) return void reply.code(404).type('text/html; charset=utf-8').send(notFoundPage);
    if (link.expiresAt && Date.parse(link.expiresAt) <= now) {
      return void reply.code(410).type('text/html; charset=utf-8').send(gonePage);
    }
    const click = this.builder.build(link, {
      method: request.method,
      ip: request.ip,
      userAgent: request.headers['user-agent'],
      referer: request.headers.referer,
      country: headerValue(request.headers[this.countryHeader]),
      now,
    });
    this.clicks.add(click);
    void reply
      .header('cache-control', 'no-store')
      .redirect(destination(link, this.clickIdParam, click.id, request.query), 302);
  }
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
