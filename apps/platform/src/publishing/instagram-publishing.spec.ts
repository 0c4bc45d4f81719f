import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConnectionSubjects, type Principal, PostSubjects } from '@app/contracts';
import type { CallContext, RpcClient } from '@app/messaging';
import { pollUntil } from '../../../../test/support/polling.js';
import { FakeGraphServer } from '../../../../test/fakes/meta/fake-graph-server.js';
import { MediaServer } from '../../../../test/fakes/meta/media-server.js';
import { fakeMetaEnv } from '../../../../test/support/meta-connection.js';
import { connectThroughOAuth } from '../../../../test/support/oauth-connection.js';
import { type PlatformHarness, startPlatform } from '../../test/platform-harness.js';

// The platform service over a real Postgres, connected to the fake Graph API through Facebook Login.
let platform: PlatformHarness;
let graph: FakeGraphServer;
let media: MediaServer;
let rpc: RpcClient;

const owner: Principal = { userId: randomUUID(), workspaceId: randomUUID(), role: 'owner' };
const call = (): CallContext => ({ principal: owner, correlationId: randomUUID() });

async function connectInstagram(): Promise<string> {
  return (await connectThroughOAuth(rpc, 'instagram', call)).id;
}

beforeAll(async () => {
  media = new MediaServer();
  await media.start();
  graph = new FakeGraphServer({ clientId: 'meta-app', clientSecret: 'meta-secret' });
  const graphUrl = await graph.start();
  platform = await startPlatform({
    database: 'shopcast_instagram_publishing',
    env: {
      LOG_LEVEL: 'error',
      ...fakeMetaEnv(graphUrl, 'meta-app', 'meta-secret'),
      SHOPCAST_ALLOW_PRIVATE_URLS: 'true',
      TOKEN_ENCRYPTION_KEYS: 'k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
    },
  });
  rpc = platform.rpc;
}, 60_000);

afterAll(async () => {
  await platform?.close();
  await graph?.stop();
  await media?.stop();
}, 60_000);

describe('publishing to Instagram through the platform service', () => {
  it('ends failed with the reason on the attempt when Instagram cannot process the media', async () => {
    const connectionId = await connectInstagram();
    graph.scriptContainers({ outcome: 'ERROR', status: 'ERROR: 2207026' });
    const post = await rpc.send(
      PostSubjects.create,
      {
        targets: [{ connectionId, text: 'Our new mug #mugs', mediaUrls: [`${media.url}/clip.mp4`] }],
        scheduledAt: new Date().toISOString(),
      },
      call(),
    );
    const view = await pollUntil(
      () => rpc.send(PostSubjects.get, { id: post.id }, call()),
      (current) => current.targets[0].status === 'failed',
      'the Instagram target failed',
    );
    const reason = 'Instagram could not process the media: ERROR: 2207026';
    expect(view.targets[0].error).toEqual({ class: 'rejected_content', message: reason });
    expect(view.attempts).toEqual([
      expect.objectContaining({ outcome: 'failed', errorClass: 'rejected_content', message: reason }),
    ]);
    expect(graph.igMedia).toEqual([]);
    expect(graph.calls.some((recorded) => recorded.path.endsWith('/media_publish'))).toBe(false);
    const [connection] = await rpc.send(ConnectionSubjects.list, {}, call());
    expect(connection).toMatchObject({ status: 'active', accountName: 'shopcast_test' });
  }, 60_000);
});
