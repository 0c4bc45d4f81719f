import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConnectionSubjects, type Principal, PostSubjects } from '@app/contracts';
import type { CallContext, RpcClient } from '@app/messaging';
import { pollUntil } from '../../../../test/support/polling.js';
import { FakePinterestServer } from '../../../../test/fakes/pinterest/fake-pinterest-server.js';
import { MediaHost } from '../../../../test/fakes/pinterest/media-host.js';
import { connectFakePinterest, fakePinterestEnv } from '../../../../test/support/pinterest-connection.js';
import { type PlatformHarness, startPlatform } from '../../test/platform-harness.js';

// The platform service over a real Postgres, connected to the fake Pinterest through OAuth.
let platform: PlatformHarness;
let pinterest: FakePinterestServer;
let media: MediaHost;
let rpc: RpcClient;

const owner: Principal = { userId: randomUUID(), workspaceId: randomUUID(), role: 'owner' };
const stranger: Principal = { userId: randomUUID(), workspaceId: randomUUID(), role: 'owner' };
const call =
  (principal = owner) =>
  (): CallContext => ({ principal, correlationId: randomUUID() });

beforeAll(async () => {
  pinterest = new FakePinterestServer({ clientId: 'shopcast-pinterest', clientSecret: 'pinterest-secret' });
  media = new MediaHost();
  await Promise.all([pinterest.start(), media.start()]);
  platform = await startPlatform({
    database: 'shopcast_pinterest',
    env: {
      LOG_LEVEL: 'error',
      ...fakePinterestEnv(pinterest.url, 'shopcast-pinterest', 'pinterest-secret'),
      TOKEN_ENCRYPTION_KEYS: 'k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
      SHOPCAST_ALLOW_PRIVATE_URLS: 'true',
    },
  });
  rpc = platform.rpc;
}, 60_000);

afterAll(async () => {
  await platform?.close();
  await pinterest?.stop();
  await media?.stop();
}, 60_000);

describe('publishing to Pinterest', () => {
  it('connects via OAuth, lists boards, and publishes a pin to the chosen board', async () => {
    const connection = await connectFakePinterest(rpc, call());
    expect(connection).toMatchObject({
      platform: 'pinterest',
      status: 'active',
      accountName: 'shopcast_test',
    });

    const boards = await rpc.send(ConnectionSubjects.boards, { id: connection.id }, call()());
    expect(boards.map((board) => board.name)).toEqual(['Summer shop', 'Drafts']);
    await expect(
      rpc.send(ConnectionSubjects.boards, { id: connection.id }, call(stranger)()),
    ).rejects.toMatchObject({
      status: 404,
    });

    const target = {
      connectionId: connection.id,
      title: 'Linen apron',
      text: 'Hand-dyed linen apron https://shop.example/p/apron',
      mediaUrls: [`${media.url}/a.png`],
    };
    await expect(
      rpc.send(PostSubjects.create, { targets: [target], scheduledAt: new Date().toISOString() }, call()()),
    ).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/^pinterest\.board\.required: /) });

    // Without tracking the pin links to the text's URL as written (test/platform/post-links.spec.ts: the short link).
    const post = await rpc.send(
      PostSubjects.create,
      {
        targets: [{ ...target, options: { boardId: boards[0].id } }],
        scheduledAt: new Date().toISOString(),
        tracking: false,
      },
      call()(),
    );
    const published = await pollUntil(
      async () => (await rpc.send(PostSubjects.get, { id: post.id }, call()())).targets[0],
      (target) => target.status === 'published',
      'the pin published',
    );
    const pin = pinterest.pins.at(-1);
    expect(published).toMatchObject({
      status: 'published',
      externalId: pin?.id,
      externalUrl: `https://www.pinterest.com/pin/${pin?.id}/`,
    });
    expect(pin).toMatchObject({
      boardId: boards[0].id,
      title: 'Linen apron',
      link: 'https://shop.example/p/apron',
      mediaSource: { source_type: 'image_url', url: `${media.url}/a.png` },
    });
    expect(pinterest.rejected).toEqual([]);
  }, 90_000);
});
