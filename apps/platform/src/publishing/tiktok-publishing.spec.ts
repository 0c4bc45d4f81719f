import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConnectionSubjects, type Principal, PostSubjects, type PostTargetView } from '@app/contracts';
import type { CallContext, RpcClient } from '@app/messaging';
import { pollUntil } from '../../../../test/support/polling.js';
import { FakeTikTokServer } from '../../../../test/fakes/tiktok/fake-tiktok-server.js';
import { fakeMp4Bytes, VideoHost } from '../../../../test/fakes/tiktok/video-host.js';
import { connectFakeTikTok, fakeTikTokEnv } from '../../../../test/support/tiktok-connection.js';
import { type PlatformHarness, startPlatform } from '../../test/platform-harness.js';

// The platform service over a real Postgres, publishing a video to a fake TikTok in chunks.
const MIB = 1024 * 1024;
let platform: PlatformHarness;
let tiktok: FakeTikTokServer;
let host: VideoHost;
let rpc: RpcClient;

const owner: Principal = { userId: randomUUID(), workspaceId: randomUUID(), role: 'owner' };
const call = (): CallContext => ({ principal: owner, correlationId: randomUUID() });

beforeAll(async () => {
  tiktok = new FakeTikTokServer({
    clientKey: 'shopcast-key',
    clientSecret: 'shopcast-secret',
    processingSteps: 1,
  });
  host = new VideoHost();
  const tiktokUrl = await tiktok.start();
  await host.start();
  platform = await startPlatform({
    database: 'shopcast_tiktok_publishing',
    env: {
      LOG_LEVEL: 'error',
      ...fakeTikTokEnv(tiktokUrl, 'shopcast-key', 'shopcast-secret'),
      TOKEN_ENCRYPTION_KEYS: 'k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
      SHOPCAST_ALLOW_PRIVATE_URLS: 'true',
    },
  });
  rpc = platform.rpc;
}, 60_000);

afterAll(async () => {
  await platform?.close();
  await tiktok?.stop();
  await host?.stop();
}, 60_000);

async function publishAndWait(connectionId: string, mediaUrl: string, text: string): Promise<PostTargetView> {
  const post = await rpc.send(
    PostSubjects.create,
    {
      targets: [
        {
          connectionId,
          text,
          mediaUrls: [mediaUrl],
          options: { privacyLevel: 'SELF_ONLY', disableComment: true },
        },
      ],
      scheduledAt: new Date().toISOString(),
    },
    call(),
  );
  return pollUntil(
    async () => (await rpc.send(PostSubjects.get, { id: post.id }, call())).targets[0],
    (target) => target.status !== 'scheduled' && target.status !== 'publishing',
    'the TikTok target settled',
    60_000,
  );
}

describe('publishing to TikTok', () => {
  it('connects over OAuth, uploads a 21 MB video in chunks and marks the target published', async () => {
    const connection = await connectFakeTikTok(rpc, call);
    expect(connection).toMatchObject({
      platform: 'tiktok',
      accountName: 'Shopcast Test Shop',
      status: 'active',
    });
    const video = fakeMp4Bytes(21 * MIB);
    const target = await publishAndWait(
      connection.id,
      host.serve('/mug.mp4', video),
      'The new enamel mug is here #coffee',
    );
    const published = tiktok.posts.at(-1);
    expect(target).toMatchObject({
      status: 'published',
      externalId: published?.postId,
      externalUrl: `https://www.tiktok.com/@shopcast.test/video/${published?.postId}`,
    });
    expect(published?.chunkRanges).toEqual([
      `bytes 0-${10 * MIB - 1}/${21 * MIB}`,
      `bytes ${10 * MIB}-${21 * MIB - 1}/${21 * MIB}`,
    ]);
    expect(published?.bytes.equals(video)).toBe(true);
    expect(published?.postInfo).toMatchObject({ privacy_level: 'SELF_ONLY', disable_comment: true });
    expect(tiktok.calls.filter((recorded) => recorded.status >= 400)).toEqual([]);
  }, 90_000);

  it('renews an expired token with the rotating refresh token before publishing', async () => {
    const [connection] = await rpc.send(ConnectionSubjects.list, {}, call());
    tiktok.expireAccessTokens();
    await platform.dataSource.query(`UPDATE connections SET token_expires_at = now() WHERE id = $1`, [
      connection.id,
    ]);
    const refreshesBefore = tiktok.calls.filter((recorded) => recorded.path === '/v2/oauth/token/').length;
    const target = await publishAndWait(
      connection.id,
      host.serve('/small.mp4', fakeMp4Bytes(MIB)),
      'Restocked',
    );
    expect(target.status).toBe('published');
    expect(tiktok.calls.filter((recorded) => recorded.path === '/v2/oauth/token/')).toHaveLength(
      refreshesBefore + 1,
    );
    expect(tiktok.posts.at(-1)?.chunkRanges).toEqual([`bytes 0-${MIB - 1}/${MIB}`]);
  }, 90_000);
});
