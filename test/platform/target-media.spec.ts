import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ConnectionSubjects,
  ContentSubjects,
  MediaResolveSubjects,
  MediaSubjects,
  PostSubjects,
  type Role,
  VideoSubjects,
} from '@app/contracts';
import { type CallContext, type RpcClient, type RunningService, startService } from '@app/messaging';
import { ContentModule } from '../../apps/content/src/content.module.js';
import { domainErrorOf } from '../support/domain-errors.js';
import { readyImage as imageOf } from '../support/ready-image.js';
import { pollUntil } from '../support/polling.js';
import { callAs, type PlatformHarness, startPlatform } from '../../apps/platform/test/platform-harness.js';
import { WebhookReceiver } from '../fakes/webhook-receiver/webhook-receiver.js';

let dataDir: string;
let content: RunningService;
let platform: PlatformHarness;
let rpc: RpcClient;
const receiver = new WebhookReceiver();
const workspaceId = randomUUID();

const as = (role: Role = 'owner', workspace = workspaceId): CallContext => callAs(role, workspace);

/** Image processing and renders are slow on a loaded machine, so every wait here gets 90 s. */
const until = <T>(read: () => Promise<T>, isDone: (value: T) => boolean, what: string): Promise<T> =>
  pollUntil(read, isDone, what, 90_000);

/** A product with one processed image. */
async function readyImage(): Promise<{ productId: string; mediaId: string }> {
  const productId = (await rpc.send(ContentSubjects.createProduct, { title: 'Desk lamp' }, as())).id;
  return { productId, mediaId: await imageOf(rpc, content, as(), productId) };
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'shopcast-target-media-'));
  platform = await startPlatform({
    database: 'shopcast_target_media',
    env: {
      SHOPCAST_DATA_DIR: dataDir,
      SHOPCAST_ALLOW_PRIVATE_URLS: 'true',
      PUBLIC_BASE_URL: 'https://shop.example.com',
    },
    rpcTimeoutMs: 30_000,
    alongside: async (runtime) => {
      content = await startService(ContentModule.forRoot(runtime), runtime, 'content');
      return content;
    },
  });
  rpc = platform.rpc;
  await receiver.start();
}, 90_000);

afterAll(async () => {
  await receiver.stop();
  await platform?.close();
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

describe('media ids in post targets', () => {
  it('stores the ids with public URLs of the platform preset, and refuses unknown or foreign media', async () => {
    const { mediaId } = await readyImage();
    const [story] = await rpc.send(MediaResolveSubjects.resolve, { ids: [mediaId], preset: 'story' }, as());
    expect(story).toMatchObject({
      id: mediaId,
      kind: 'image',
      mimeType: 'image/jpeg',
      width: 1080,
      height: 1920,
    });
    expect(story.url.startsWith('https://shop.example.com/media/')).toBe(true);
    expect(new Date(story.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const manual = await rpc.send(ConnectionSubjects.create, { platform: 'manual', name: 'By hand' }, as());
    const post = await rpc.send(
      PostSubjects.create,
      { targets: [{ connectionId: manual.id, text: 'New lamp', mediaIds: [mediaId] }] },
      as('editor'),
    );
    expect(post.targets[0].mediaIds).toEqual([mediaId]);
    expect(post.targets[0].media).toEqual([
      expect.objectContaining({ id: mediaId, kind: 'image', width: 900, height: 700 }),
    ]);
    expect(post.targets[0].media[0].url).toMatch(
      /^https:\/\/shop\.example\.com\/media\/.+\?expires=\d+&signature=/,
    );

    const unknown = randomUUID();
    const missing = await domainErrorOf(
      rpc.send(
        PostSubjects.create,
        { targets: [{ connectionId: manual.id, text: 'x', mediaIds: [unknown] }] },
        as(),
      ),
    );
    expect(missing.status).toBe(404);
    expect(missing.message).toContain(unknown);

    const otherWorkspace = randomUUID();
    const foreignConnection = await rpc.send(
      ConnectionSubjects.create,
      { platform: 'manual', name: 'Theirs' },
      as('owner', otherWorkspace),
    );
    const foreign = await domainErrorOf(
      rpc.send(
        PostSubjects.create,
        { targets: [{ connectionId: foreignConnection.id, text: 'x', mediaIds: [mediaId] }] },
        as('owner', otherWorkspace),
      ),
    );
    expect(foreign.status).toBe(404);
    expect(foreign.message).toContain(mediaId);

    const edited = await rpc.send(
      PostSubjects.update,
      { id: post.id, targets: [{ id: post.targets[0].id, mediaIds: [] }] },
      as(),
    );
    expect(edited.targets[0]).toMatchObject({ mediaIds: [], media: [] });
  }, 120_000);

  it('re-resolves expiring URLs right before publishing, and fails the target when the media is gone', async () => {
    const { mediaId } = await readyImage();
    const connection = await rpc.send(
      ConnectionSubjects.create,
      { platform: 'webhook', name: 'Zap', config: { url: receiver.url } },
      as(),
    );
    receiver.useSecret(connection.signingSecret as string);
    const draft = await rpc.send(
      PostSubjects.create,
      { targets: [{ connectionId: connection.id, text: 'Fresh', mediaIds: [mediaId] }] },
      as(),
    );
    const stale = 'https://shop.example.com/media/stale?expires=1&signature=old';
    await platform.dataSource.query(
      `UPDATE post_targets SET media = jsonb_set(media, '{0,url}', to_jsonb($1::text)) WHERE post_id = $2`,
      [stale, draft.id],
    );
    await rpc.send(PostSubjects.schedule, { id: draft.id }, as());
    const hook = await until(
      async () => receiver.accepted.find((item) => item.id === draft.targets[0].id),
      (found) => found !== undefined,
      'webhook delivery',
    );
    const [sent] = (hook?.payload as { data: { mediaUrls: string[] } }).data.mediaUrls;
    expect(sent).not.toBe(stale);
    expect(Number(new URL(sent).searchParams.get('expires'))).toBeGreaterThan(Date.now() / 1000);

    const doomed = await rpc.send(
      PostSubjects.create,
      { targets: [{ connectionId: connection.id, text: 'Gone', mediaIds: [mediaId] }] },
      as(),
    );
    await rpc.send(MediaSubjects.delete, { id: mediaId }, as());
    await rpc.send(PostSubjects.schedule, { id: doomed.id }, as());
    const failed = await until(
      () => rpc.send(PostSubjects.get, { id: doomed.id }, as()),
      (view) => view.targets[0].status === 'failed',
      'publishing without media',
    );
    expect(failed.targets[0].error).toMatchObject({ class: 'rejected_content' });
    expect(failed.targets[0].error?.message).toContain(mediaId);
  }, 120_000);

  it('resolves a rendered video to its MP4 with its duration', async () => {
    const { productId } = await readyImage();
    const video = await rpc.send(
      VideoSubjects.create,
      { productId, durationSec: 6, formats: ['x_720x1280'] },
      as(),
    );
    const rendered = await until(
      () => rpc.send(VideoSubjects.get, { id: video.id }, as()),
      (view) => view.status === 'ready' || view.status === 'failed',
      'video render',
    );
    expect(rendered.status).toBe('ready');
    const output = rendered.outputs[0];
    const [resolved] = await rpc.send(MediaResolveSubjects.resolve, { ids: [output.mediaId] }, as());
    expect(resolved).toMatchObject({
      id: output.mediaId,
      kind: 'video',
      mimeType: 'video/mp4',
      width: 720,
      height: 1280,
      durationSec: output.durationSec,
    });
    expect(new URL(resolved.url).pathname).toBe(new URL(output.url).pathname);
  }, 180_000);
});
