import { describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { STRONG_PASSWORD } from '../../apps/auth/test/auth-test-app.js';
import { pollUntil } from '../support/polling.js';
import { randomClientIp, send, useGatewaysOnBus } from './gateway-on-bus.js';

const PROXY_IP = '10.250.0.1';
const ENV = {
  LOGIN_MAX_FAILURES: '2',
  // The sign-in lock under test, not the request limit, must be what answers 429.
  RATE_LIMIT_SIGN_IN_MAX: '1000',
  RATE_LIMIT_ANONYMOUS_MAX: '1000',
};

function login(
  gateway: NestFastifyApplication,
  email: string,
  password: string,
  from: string,
  forwardedFor: string,
) {
  return send(gateway, 'POST', '/api/v1/auth/login', {
    ip: from,
    headers: { 'x-forwarded-for': forwardedFor },
    body: { email, password },
  });
}

/** Two wrong passwords, each claiming another address in X-Forwarded-For, then the right one. */
async function guessThenSignIn(
  gateway: NestFastifyApplication,
  email: string,
  from: string,
): Promise<number> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const wrong = await login(gateway, email, 'not the password', from, randomClientIp());
    expect(wrong.statusCode).toBe(401);
  }
  return (await login(gateway, email, STRONG_PASSWORD, from, randomClientIp())).statusCode;
}

describe('X-Forwarded-For', () => {
  const direct = useGatewaysOnBus({ count: 1, env: ENV, prefix: 'security_trust_off' });
  const proxied = useGatewaysOnBus({
    count: 1,
    env: { ...ENV, TRUST_PROXY: PROXY_IP },
    prefix: 'security_trust_list',
  });

  it('is ignored by default: a client cannot escape the per-address sign-in lock by inventing addresses', async () => {
    const victim = await direct().auth.register('Victim');
    expect(await guessThenSignIn(direct().gateways[0], victim.email, randomClientIp())).toBe(429);
  });

  it('is believed from a proxy listed in TRUST_PROXY, and only from it', async () => {
    const [gateway] = proxied().gateways;
    const customer = await proxied().auth.register('Customer');
    // Behind the proxy, each forwarded address is its own client: no lock.
    expect(await guessThenSignIn(gateway, customer.email, PROXY_IP)).toBe(200);
    // A client reaching the gateway directly is not a proxy: its header is ignored.
    const other = await proxied().auth.register('Other');
    expect(await guessThenSignIn(gateway, other.email, randomClientIp())).toBe(429);
  });
});

describe('The visitor country header', () => {
  const system = useGatewaysOnBus({
    count: 1,
    env: { ...ENV, TRUST_PROXY: PROXY_IP, CLICK_FLUSH_MS: '20' },
    prefix: 'security_trust_country',
    withAnalytics: true,
  });
  const HUMAN =
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

  it('is believed from a trusted proxy only: a client cannot choose the country of its click', async () => {
    const [gateway] = system().gateways;
    const seller = await system().auth.register('Seller');
    const created = await send(gateway, 'POST', '/api/v1/links', {
      ip: randomClientIp(),
      token: seller.accessToken,
      body: { url: 'https://shop.example/mug', platform: 'instagram' },
    });
    expect(created.statusCode).toBe(201);
    const path = `/l/${created.json<{ code: string }>().code}`;
    const direct = await send(gateway, 'GET', path, {
      ip: randomClientIp(),
      headers: { 'user-agent': HUMAN, 'cf-ipcountry': 'FR' },
    });
    const proxied = await send(gateway, 'GET', path, {
      ip: PROXY_IP,
      headers: { 'user-agent': HUMAN, 'cf-ipcountry': 'DE', 'x-forwarded-for': randomClientIp() },
    });
    expect([direct.statusCode, proxied.statusCode]).toEqual([302, 302]);

    type Breakdown = { rows: Array<{ key: string | null; clicks: number }> };
    const byCountry = await pollUntil(
      async () =>
        (
          await send(gateway, 'GET', '/api/v1/analytics/breakdown?by=country', {
            ip: randomClientIp(),
            token: seller.accessToken,
          })
        ).json<Breakdown>(),
      (breakdown) => breakdown.rows.reduce((sum, row) => sum + row.clicks, 0) === 2,
      'both clicks recorded',
      20_000,
    );
    const countries = byCountry.rows.map((row) => row.key);
    expect(countries).toContain('DE');
    expect(countries).not.toContain('FR');
  });
});
