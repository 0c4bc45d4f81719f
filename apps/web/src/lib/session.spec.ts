import { beforeAll, describe, expect, it } from '@jest/globals';

/** What the gateway answers to each refresh: the status, and the requests it saw. */
const gateway = { status: 200, refreshes: 0 };

function answer(status: number): Response {
  const body =
    status === 200
      ? { accessToken: `token-${gateway.refreshes}`, expiresIn: 900, tokenType: 'Bearer' }
      : { code: status === 429 ? 'rate_limited' : 'unauthorized', status, message: 'refused' };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (status === 429) headers['retry-after'] = '30';
  return new Response(JSON.stringify(body), { status, headers });
}

let session: typeof import('./session').session;

beforeAll(async () => {
  // The browser this module expects: an origin, the signed-in marker cookie, and fetch to the gateway.
  Object.assign(globalThis, {
    window: { location: { origin: 'http://shopcast.test' } },
    document: { cookie: 'shopcast_signed_in=1' },
    fetch: async () => {
      gateway.refreshes++;
      return answer(gateway.status);
    },
  });
  ({ session } = await import('./session'));
});

describe('BrowserSession.renew', () => {
  it('keeps the session when a refresh is rate limited (429), and renews once the limit has passed', async () => {
    session.begin({ accessToken: 'first', expiresIn: 900 });
    gateway.status = 429;
    expect(await session.renew()).toBeNull();
    expect(session.currentStatus()).toBe('signed-in');
    expect(session.accessToken()).toBe('first');

    gateway.status = 200;
    expect(await session.renew()).toMatch(/^token-/);
    expect(session.currentStatus()).toBe('signed-in');
    session.end();
  });

  it('ends the session when the refresh token is refused (401)', async () => {
    session.begin({ accessToken: 'second', expiresIn: 900 });
    gateway.status = 401;
    expect(await session.renew()).toBeNull();
    expect(session.currentStatus()).toBe('signed-out');
  });
});
