import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { ConnectionSubjects, type Principal, PostSubjects } from '@app/contracts';
import type { CallContext, RpcClient } from '@app/messaging';
import { FakeXServer } from '../../../../test/fakes/x/fake-x-server.js';
import { connectFakeX, fakeXEnv } from '../../../../test/support/x-connection.js';
import { type PlatformHarness, startPlatform } from '../../test/platform-harness.js';
import { ConnectionTokensService } from './connection-tokens.service.js';

let platform: PlatformHarness;
let x: FakeXServer;
let rpc: RpcClient;
const owner: Principal = { userId: randomUUID(), workspaceId: randomUUID(), role: 'owner' };
const call = (): CallContext => ({ principal: owner, correlationId: randomUUID() });

beforeAll(async () => {
  // Tokens that live 5 minutes are inside the 10-minute refresh margin from the start.
  x = new FakeXServer({ clientId: 'tokens-test', accessTokenTtlSec: 300 });
  const xUrl = await x.start();
  platform = await startPlatform({
    database: 'shopcast_tokens',
    env: {
      ...fakeXEnv(xUrl, 'tokens-test', ''),
      TOKEN_ENCRYPTION_KEYS: 'k2:ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=',
    },
  });
  rpc = platform.rpc;
}, 60_000);

afterAll(async () => {
  await platform?.close();
  await x?.stop();
}, 60_000);

describe('connection tokens', () => {
  it('stores tokens encrypted, refreshes them before expiry, and marks the connection needs_reconnect when refresh is refused', async () => {
    const connection = await connectFakeX(rpc, call);
    const dataSource = platform.service.app.get(DataSource);
    const [stored] = await dataSource.query(
      'SELECT access_token_enc, refresh_token_enc FROM connections WHERE id = $1',
      [connection.id],
    );
    expect(stored.access_token_enc).toMatch(/^v1\.k2\./);
    expect(stored.refresh_token_enc).toMatch(/^v1\.k2\./);

    const tokens = platform.service.app.get(ConnectionTokensService);
    expect(await tokens.refreshExpiring()).toBe(1);
    const [refreshed] = await dataSource.query(
      'SELECT access_token_enc, refresh_token_enc, token_expires_at FROM connections WHERE id = $1',
      [connection.id],
    );
    expect(refreshed.access_token_enc).not.toBe(stored.access_token_enc);
    expect(refreshed.refresh_token_enc).not.toBe(stored.refresh_token_enc);
    expect(new Date(refreshed.token_expires_at).getTime()).toBeGreaterThanOrEqual(
      new Date(connection.tokenExpiresAt as string).getTime(),
    );

    x.revokeRefreshTokens();
    await tokens.refreshExpiring();
    const [listed] = await rpc.send(ConnectionSubjects.list, {}, call());
    expect(listed).toMatchObject({
      status: 'needs_reconnect',
      statusReason: expect.stringMatching(/reconnect the account/),
    });
    const [event] = await dataSource.query(
      `SELECT payload FROM outbox WHERE subject = 'platform.connection.expired'`,
    );
    expect(event.payload).toMatchObject({ connectionId: connection.id, platform: 'x' });
    await expect(
      rpc.send(
        PostSubjects.create,
        { targets: [{ connectionId: connection.id, text: 'Anyone there?' }] },
        call(),
      ),
    ).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/needs to be reconnected/) });
  }, 60_000);
});
