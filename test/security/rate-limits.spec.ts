import { describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { processEnv } from '@app/config';
import { STRONG_PASSWORD, uniqueEmail } from '../../apps/auth/test/auth-test-app.js';
import { type InjectedReply, randomClientIp, send, useGatewaysOnBus } from './gateway-on-bus.js';

/** The machine's Redis (CI and dev machines run one); override with TEST_REDIS_URL. */
const REDIS_URL = processEnv().TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const WINDOW_SEC = 60;
const LIMITS = {
  REDIS_URL,
  RATE_LIMIT_WINDOW_SEC: String(WINDOW_SEC),
  RATE_LIMIT_SIGN_IN_MAX: '3',
  RATE_LIMIT_ANONYMOUS_MAX: '4',
  RATE_LIMIT_WORKSPACE_MAX: '6',
  RATE_LIMIT_COSTLY_MAX: '2',
  RATE_LIMIT_LINK_LOOKUP_MAX: '5',
};

function expectRateLimited(reply: InjectedReply, message: RegExp): void {
  expect(reply.statusCode).toBe(429);
  const retryAfter = Number(reply.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(WINDOW_SEC);
  expect(reply.json()).toEqual({
    code: 'rate_limited',
    status: 429,
    message: expect.stringMatching(message),
    details: { retryAfterSec: retryAfter },
    requestId: expect.any(String),
  });
}

describe('Request rate limits (two gateways sharing Redis)', () => {
  const system = useGatewaysOnBus({ count: 2, env: LIMITS, prefix: 'security_limits', withAnalytics: true });
  const first = () => system().gateways[0];
  const second = () => system().gateways[1];

  /** Requests alternate between the gateways, so a limit holds only if they share their counts. */
  function gatewayFor(attempt: number): NestFastifyApplication {
    return attempt % 2 === 0 ? first() : second();
  }

  async function register(label: string): Promise<string> {
    const reply = await send(first(), 'POST', '/api/v1/auth/register', {
      ip: randomClientIp(),
      body: { email: uniqueEmail(label), password: STRONG_PASSWORD, name: label },
    });
    expect(reply.statusCode).toBe(201);
    return String(reply.json().accessToken);
  }

  it('answers 429 with Retry-After once one address exceeds the sign-in limit, across gateways', async () => {
    const ip = randomClientIp();
    const login = (attempt: number, from = ip) =>
      send(gatewayFor(attempt), 'POST', '/api/v1/auth/login', {
        ip: from,
        body: { email: uniqueEmail('guess'), password: 'not the password' },
      });
    for (let attempt = 0; attempt < 3; attempt++) expect((await login(attempt)).statusCode).toBe(401);
    expectRateLimited(
      await login(3),
      /^Too many sign-in requests from your address; try again in (\d+ seconds|1 minute)$/,
    );
    expectRateLimited(await login(4), /sign-in/);
    // Another address is not affected, and the limit is per route: refresh has its own count.
    expect((await login(5, randomClientIp())).statusCode).toBe(401);
    const refresh = await send(first(), 'POST', '/api/v1/auth/refresh', {
      ip,
      body: { refreshToken: 'r'.repeat(43) },
    });
    expect(refresh.statusCode).toBe(401);
  });

  it('counts signed-in requests per workspace, whatever address they come from', async () => {
    const busy = await register('Busy');
    const calm = await register('Calm');
    for (let attempt = 0; attempt < 6; attempt++) {
      const reply = await send(gatewayFor(attempt), 'GET', '/api/v1/auth/me', {
        ip: randomClientIp(),
        token: busy,
      });
      expect(reply.statusCode).toBe(200);
      expect(Number(reply.headers['x-ratelimit-remaining'])).toBe(5 - attempt);
    }
    const over = await send(second(), 'GET', '/api/v1/auth/me', { ip: randomClientIp(), token: busy });
    expectRateLimited(over, /^Too many requests for this workspace; try again in/);
    // Another workspace, from the same address, is not affected.
    const ip = randomClientIp();
    expect((await send(first(), 'GET', '/api/v1/auth/me', { ip, token: calm })).statusCode).toBe(200);
  });

  it('limits product from URL, uploads and imports more strictly, per workspace', async () => {
    const token = await register('Importer');
    const fromUrl = (attempt: number) =>
      send(gatewayFor(attempt), 'POST', '/api/v1/products/from-url', {
        ip: randomClientIp(),
        token,
        body: {},
      });
    // The body is invalid (400), but the request is counted before anything else is done.
    expect((await fromUrl(0)).statusCode).toBe(400);
    expect((await fromUrl(1)).statusCode).toBe(400);
    expectRateLimited(await fromUrl(2), /^Too many uploads and imports for this workspace/);
    const upload = await send(first(), 'POST', '/api/v1/media/uploads', { ip: randomClientIp(), token });
    expectRateLimited(upload, /uploads and imports/);
    // Other routes of the workspace still work.
    expect((await send(first(), 'GET', '/api/v1/auth/me', { ip: randomClientIp(), token })).statusCode).toBe(
      200,
    );
  });

  it('counts refused credentials against the client address, so token guessing is throttled', async () => {
    const ip = randomClientIp();
    for (let attempt = 0; attempt < 4; attempt++) {
      const reply = await send(gatewayFor(attempt), 'GET', '/api/v1/auth/me', {
        ip,
        token: `forged.${attempt}.x`,
      });
      expect(reply.statusCode).toBe(401);
    }
    const over = await send(first(), 'GET', '/api/v1/auth/me', { ip, token: 'forged.again.x' });
    expectRateLimited(over, /^Too many requests from your address/);
    // Public routes from that address share the same count.
    expectRateLimited(await send(second(), 'GET', '/.well-known/jwks.json', { ip }), /your address/);
  });

  it('never throttles health probes or signed media URLs', async () => {
    const ip = randomClientIp();
    for (let attempt = 0; attempt < 12; attempt++) {
      const gateway = gatewayFor(attempt);
      expect((await send(gateway, 'GET', '/health/live', { ip })).statusCode).toBe(200);
      const media = await send(gateway, 'GET', '/media/a/b.jpg?expires=1&signature=x', { ip });
      expect(media.statusCode).not.toBe(429);
    }
  });

  it('limits per address the redirects that need a lookup, never the clicks answered from memory', async () => {
    const token = await register('Linker');
    const created = await send(first(), 'POST', '/api/v1/links', {
      ip: randomClientIp(),
      token,
      body: { url: 'https://shop.example/mug', platform: 'instagram' },
    });
    expect(created.statusCode).toBe(201);
    const code = String(created.json().code);
    // A crowd behind one address (a mobile carrier's) follows a viral link: one lookup per gateway, then memory.
    const crowd = randomClientIp();
    for (let visit = 0; visit < 30; visit++) {
      expect((await send(gatewayFor(visit), 'GET', `/l/${code}`, { ip: crowd })).statusCode).toBe(302);
    }
    // Made-up codes each cost analytics a lookup: 3 more fit in the address's 5, then 429.
    for (let guess = 0; guess < 3; guess++) {
      expect((await send(first(), 'GET', `/l/madeup${guess}`, { ip: crowd })).statusCode).toBe(404);
    }
    const refused = await send(second(), 'GET', '/l/madeup9', { ip: crowd });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    // The link already looked up still redirects, from that address too.
    expect((await send(first(), 'GET', `/l/${code}`, { ip: crowd })).statusCode).toBe(302);
  });
});

describe('Request rate limits without Redis', () => {
  const { REDIS_URL: _shared, ...inMemory } = LIMITS;
  const system = useGatewaysOnBus({ count: 1, env: inMemory, prefix: 'security_limits_memory' });

  it('counts in the gateway process', async () => {
    const [gateway] = system().gateways;
    const ip = randomClientIp();
    for (let attempt = 0; attempt < 4; attempt++) {
      expect((await send(gateway, 'GET', '/.well-known/jwks.json', { ip })).statusCode).toBe(200);
    }
    expectRateLimited(await send(gateway, 'GET', '/.well-known/jwks.json', { ip }), /your address/);
  });
});

describe('Request rate limits when Redis is unreachable', () => {
  // Port 1 refuses connections: every count fails.
  const system = useGatewaysOnBus({
    count: 1,
    env: { ...LIMITS, REDIS_URL: 'redis://127.0.0.1:1' },
    prefix: 'security_limits_down',
  });

  it('lets requests through rather than failing them', async () => {
    const [gateway] = system().gateways;
    const ip = randomClientIp();
    for (let attempt = 0; attempt < 6; attempt++) {
      expect((await send(gateway, 'GET', '/.well-known/jwks.json', { ip })).statusCode).toBe(200);
    }
  });
});
