import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig, type RateLimitConfig } from '@app/config';
import { describeWait, type Principal, RateLimitedError } from '@app/contracts';
import { LOGGER } from '@app/observability';

/** The counters: per client address, per workspace, the stricter sign-in and costly-work ones, link lookups. */
export type LimitBucket = 'anonymous' | 'workspace' | 'sign-in' | 'costly' | 'link-lookup';

type Check = ReturnType<FastifyInstance['createRateLimit']>;
type LimitedRequest = FastifyRequest & { user?: Principal };

const KEY_PREFIX = 'shopcast:rate-limit:';
const REDIS_READY_WAIT_MS = 3000;

/**
 * Counts requests with @fastify/rate-limit, in Redis when `REDIS_URL` is set (so every gateway shares the
 * counts) or in this process's memory. A request over a limit is refused with RateLimitedError (429 with
 * `Retry-After`). When Redis cannot answer, requests pass: the limiter protects capacity, and sign-in keeps
 * its own throttles in the auth service.
 */
@Injectable()
export class RequestLimiter implements OnModuleInit, OnApplicationShutdown {
  private readonly limits: RateLimitConfig;
  private readonly checks = new Map<LimitBucket, Check>();
  private redis?: Redis;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.limits = config.rateLimits;
  }

  get isEnabled(): boolean {
    return this.limits.isEnabled;
  }

  async onModuleInit(): Promise<void> {
    if (!this.limits.isEnabled) return;
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    this.redis = this.config.redisUrl ? await this.connectRedis(this.config.redisUrl) : undefined;
    await fastify.register(rateLimit, {
      global: false,
      redis: this.redis,
      nameSpace: KEY_PREFIX,
      skipOnError: true,
      timeWindow: this.limits.windowSec * 1000,
    });
    const maxOf: Record<LimitBucket, number> = {
      anonymous: this.limits.anonymousMax,
      workspace: this.limits.workspaceMax,
      'sign-in': this.limits.signInMax,
      costly: this.limits.costlyMax,
      'link-lookup': this.limits.linkLookupMax,
    };
    for (const bucket of Object.keys(maxOf) as LimitBucket[]) {
      const keyGenerator = (request: FastifyRequest) => keyOf(bucket, request as LimitedRequest);
      this.checks.set(bucket, fastify.createRateLimit({ max: maxOf[bucket], keyGenerator }));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis?.disconnect();
  }

  /** Counts the request in `bucket`; throws RateLimitedError once the bucket is over its limit. */
  async count(bucket: LimitBucket, request: FastifyRequest, reply?: FastifyReply): Promise<void> {
    const check = this.checks.get(bucket);
    if (!check) return;
    const result = await check(request);
    if (result.isAllowed) return;
    if (reply) {
      void reply
        .header('x-ratelimit-limit', String(result.max))
        .header('x-ratelimit-remaining', String(result.remaining))
        .header('x-ratelimit-reset', String(result.ttlInSeconds));
    }
    if (!result.isExceeded) return;
    const retryAfterSec = Math.max(1, result.ttlInSeconds);
    throw new RateLimitedError(
      `${TOO_MANY[bucket]}; try again in ${describeWait(retryAfterSec)}`,
      retryAfterSec,
    );
  }

  /** Connects, waiting up to REDIS_READY_WAIT_MS so the first requests are counted too; never fails the start. */
  private async connectRedis(url: string): Promise<Redis> {
    // Fail fast rather than queue: a request never waits for a Redis that is away, it passes uncounted.
    const redis = new Redis(url, {
      connectTimeout: 1000,
      commandTimeout: 500,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    let isReady = false;
    redis.on('ready', () => {
      isReady = true;
      this.logger.info('Rate limits are counted in Redis');
    });
    redis.on('error', (error: Error) => {
      if (!isReady) return;
      isReady = false;
      // The URL may hold a password: only the reason is logged.
      this.logger.warn(
        { reason: error.message },
        'Redis unreachable: requests pass unlimited until it is back',
      );
    });
    const isReadyInTime = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), REDIS_READY_WAIT_MS);
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!isReadyInTime)
      this.logger.warn('Redis unreachable at start: requests pass unlimited until it is back');
    return redis;
  }
}

const TOO_MANY: Record<LimitBucket, string> = {
  anonymous: 'Too many requests from your address',
  workspace: 'Too many requests for this workspace',
  'sign-in': 'Too many sign-in requests from your address',
  costly: 'Too many uploads and imports for this workspace',
  'link-lookup': 'Too many different links opened from your address',
};

function keyOf(bucket: LimitBucket, request: LimitedRequest): string {
  const address = normalizeIP(request.ip);
  switch (bucket) {
    case 'anonymous':
      return `ip:${address}`;
    case 'link-lookup':
      return `link-lookup:${address}`;
    case 'sign-in':
      return `sign-in:${request.routeOptions.url ?? request.url}:${address}`;
    case 'workspace':
    case 'costly':
      // Reached only after authentication; the address is a safe fallback.
      return `${bucket}:${request.user?.workspaceId ?? address}`;
  }
}
