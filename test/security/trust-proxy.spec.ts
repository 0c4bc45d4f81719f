import { describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { STRONG_PASSWORD } from '../../apps/auth/test/auth-test-app.js';
import { randomClientIp, useGatewaysOnBus } from './gateway-on-bus.js';

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
  const fastify = gateway.getHttpAdapter().getInstance() as FastifyInstance;
  return fastify.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: from,
    headers: { 'x-forwarded-for': forwardedFor },
    payload: { email, password },
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
