import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConnectionSubjects, DomainError, type Principal, type RequestOf } from '@app/contracts';
import type { CallContext, RpcClient } from '@app/messaging';
import { FakeXServer } from '../../../../test/fakes/x/fake-x-server.js';
import { fakeXEnv } from '../../../../test/support/x-connection.js';
import { type PlatformHarness, startPlatform } from '../../test/platform-harness.js';

// The platform service itself, not only the gateway, accepts a callback only with the binding it issued to the
// browser that started connecting: a request on the bus without it, or with another flow's, connects nothing.
let platform: PlatformHarness;
let x: FakeXServer;
let rpc: RpcClient;
const attacker: Principal = { userId: randomUUID(), workspaceId: randomUUID(), role: 'owner' };
const asAttacker = (): CallContext => ({ principal: attacker, correlationId: randomUUID() });
const anonymous = (): CallContext => ({ principal: null, correlationId: randomUUID() });

beforeAll(async () => {
  x = new FakeXServer({ clientId: 'binding-test' });
  platform = await startPlatform({
    database: 'shopcast_oauth_binding',
    env: fakeXEnv(await x.start(), 'binding-test', ''),
  });
  rpc = platform.rpc;
}, 60_000);

afterAll(async () => {
  await platform?.close();
  await x?.stop();
}, 60_000);

/** The attacker starts connecting X; the consent link is approved (by whoever it was sent to). */
async function approvedByVictim() {
  const { url, browserBinding } = await rpc.send(
    ConnectionSubjects.authorize,
    { platform: 'x' },
    asAttacker(),
  );
  const consent = await fetch(url, { redirect: 'manual' });
  const back = new URL(consent.headers.get('location') as string);
  const callback: RequestOf<typeof ConnectionSubjects.callback> = {
    platform: 'x',
    code: back.searchParams.get('code') as string,
    state: back.searchParams.get('state') as string,
    browserBinding,
  };
  return callback;
}

const failureOf = (data: RequestOf<typeof ConnectionSubjects.callback>) =>
  rpc.send(ConnectionSubjects.callback, data, anonymous()).then(
    () => null,
    (error: unknown) =>
      error instanceof DomainError ? { status: error.status, message: error.message } : error,
  );
const attackerConnections = () => rpc.send(ConnectionSubjects.list, {}, asAttacker());

describe('OAuth browser binding', () => {
  it("refuses a callback with another flow's binding (403), connects nothing, and keeps the state unused", async () => {
    const callback = await approvedByVictim();
    const other = await rpc.send(ConnectionSubjects.authorize, { platform: 'x' }, asAttacker());
    expect(other.browserBinding).not.toBe(callback.browserBinding);
    expect(await failureOf({ ...callback, browserBinding: other.browserBinding })).toEqual({
      status: 403,
      message: expect.stringMatching(/not started in this browser/),
    });
    expect(await attackerConnections()).toEqual([]);

    const connected = await rpc.send(ConnectionSubjects.callback, callback, anonymous());
    expect(connected).toMatchObject({ platform: 'x', status: 'active' });
  });

  it('refuses a callback without a binding (400) before anything else', async () => {
    const { browserBinding: _none, ...unbound } = await approvedByVictim();
    expect(await failureOf(unbound as RequestOf<typeof ConnectionSubjects.callback>)).toMatchObject({
      status: 400,
      message: expect.stringMatching(/browserBinding/),
    });
  });

  it('never puts the binding in the consent URL', async () => {
    const { url, browserBinding } = await rpc.send(
      ConnectionSubjects.authorize,
      { platform: 'x' },
      asAttacker(),
    );
    expect(url).not.toContain(browserBinding);
    expect(browserBinding).toMatch(/^[\w-]{20,}$/);
  });
});
