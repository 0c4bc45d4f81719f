// Test support: the auth service and one or more gateways on an in-process bus and a real Postgres, so a
// suite can send HTTP requests (Fastify inject, from any client address) to gateways that share state.
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { InProcessBus, type RunningService, startService } from '@app/messaging';
import { AnalyticsModule } from '../../apps/analytics/src/analytics.module.js';
import { type AuthTestApp, startAuthTestApp } from '../../apps/auth/test/auth-test-app.js';
import { createGatewayApp } from '../../apps/gateway/src/gateway.app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { testConfig } from '../support/test-config.js';

export interface GatewaysOnBus {
  auth: AuthTestApp;
  gateways: NestFastifyApplication[];
  close(): Promise<void>;
}

export interface GatewaysOnBusOptions {
  count: number;
  env: Record<string, string>;
  /** Prefix of the suite's database name. */
  prefix: string;
  /** Also run the analytics service (tracked links). */
  withAnalytics?: boolean;
}

export async function startGatewaysOnBus(options: GatewaysOnBusOptions): Promise<GatewaysOnBus> {
  const { count, env, prefix } = options;
  const database: TestDatabase = await createTestDatabase(prefix);
  const bus = new InProcessBus();
  const gateways: NestFastifyApplication[] = [];
  let auth: AuthTestApp | undefined;
  let analytics: RunningService | undefined;
  const close = async () => {
    for (const gateway of gateways) await gateway.close();
    await analytics?.close();
    await auth?.close();
    await database.drop();
  };
  try {
    auth = await startAuthTestApp({ databaseUrl: database.url, bus, env });
    const config = testConfig({ DATABASE_URL: database.url, WEB_DIR: '/nonexistent', ...env });
    if (options.withAnalytics) {
      const runtime = { config: { ...config, mode: 'standalone' as const }, bus };
      analytics = await startService(AnalyticsModule.forRoot(runtime), runtime, 'analytics');
    }
    for (let index = 0; index < count; index++) {
      const gateway = await createGatewayApp({ config, bus });
      gateways.push(gateway);
      await gateway.init();
      await gateway.getHttpAdapter().getInstance().ready();
    }
    return { auth, gateways, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Starts the gateways before the suite's tests and stops them after; the getter answers them. */
export function useGatewaysOnBus(options: GatewaysOnBusOptions): () => GatewaysOnBus {
  let system: GatewaysOnBus | undefined;
  beforeAll(async () => {
    system = await startGatewaysOnBus(options);
  }, 60_000);
  afterAll(async () => {
    await system?.close();
  });
  return () => {
    if (!system) throw new Error('the gateways did not start');
    return system;
  };
}

/**
 * A client address no other run uses: counters may live in the machine's shared Redis, where a fixed
 * address would meet another run's counts.
 */
export function randomClientIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

export interface InjectedReply {
  statusCode: number;
  headers: Record<string, unknown>;
  json<T = Record<string, unknown>>(): T;
}

export interface InjectedRequest {
  /** The client address the gateway's socket sees. */
  ip: string;
  token?: string;
  body?: object;
  headers?: Record<string, string>;
}

/** An HTTP request to a gateway without a socket (Fastify inject), from any client address. */
export function send(
  gateway: NestFastifyApplication,
  method: 'GET' | 'POST',
  url: string,
  request: InjectedRequest,
): Promise<InjectedReply> {
  const fastify = gateway.getHttpAdapter().getInstance() as FastifyInstance;
  return fastify.inject({
    method,
    url,
    remoteAddress: request.ip,
    headers: { ...request.headers, ...(request.token ? { authorization: `Bearer ${request.token}` } : {}) },
    ...(request.body ? { payload: request.body } : {}),
  }) as unknown as Promise<InjectedReply>;
}
