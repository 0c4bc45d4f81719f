import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CampaignSubjects,
  ConnectionSubjects,
  ContentSubjects,
  DashboardSubjects,
  LinkSubjects,
  type PostTargetView,
  PostSubjects,
  type PostView,
} from '@app/contracts';
import { type CallContext, type RunningService, type Runtime, startService } from '@app/messaging';
import { AnalyticsModule } from '../../apps/analytics/src/analytics.module.js';
import { ContentModule } from '../../apps/content/src/content.module.js';
import { CampaignFiller } from '../../apps/platform/src/campaign-fill/campaign-filler.js';
import { callAs, type PlatformHarness, startPlatform } from '../../apps/platform/test/platform-harness.js';
import { FakePinterestServer } from '../fakes/pinterest/fake-pinterest-server.js';
import { MediaHost } from '../fakes/pinterest/media-host.js';
import { WebhookReceiver } from '../fakes/webhook-receiver/webhook-receiver.js';
import { domainErrorOf } from '../support/domain-errors.js';
import { connectFakePinterest, fakePinterestEnv } from '../support/pinterest-connection.js';
import { pollUntil } from '../support/polling.js';

// Post targets' tracked links: the platform with the real analytics and content services on one bus.
const LINK_BASE_URL = 'https://sho.pc';
const SHORT_LINK = /^https:\/\/sho\.pc\/l\/[A-Za-z0-9]{8}$/;
const PRODUCT_URL = 'https://shop.example/p/linen-tote';

let dataDir: string;
let runtime: Runtime;
let content: RunningService;
let analytics: RunningService | undefined;
let platform: PlatformHarness;
let pinterest: FakePinterestServer;
let media: MediaHost;
const receivers = [new WebhookReceiver(), new WebhookReceiver()];
const workspaceId = randomUUID();
const as = (): CallContext => callAs('editor', workspaceId);

/** How often platform asked analytics for each target's link, read off the bus. */
const linkRequests = new Map<string, number>();

const startAnalytics = async () => {
  analytics = await startService(AnalyticsModule.forRoot(runtime), runtime, 'analytics');
};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'shopcast-post-links-'));
  pinterest = new FakePinterestServer({ clientId: 'links-pinterest', clientSecret: 'links-secret' });
  media = new MediaHost();
  await Promise.all([pinterest.start(), media.start(), ...receivers.map((receiver) => receiver.start())]);
  platform = await startPlatform({
    database: 'shopcast_post_links',
    env: {
      SHOPCAST_DATA_DIR: dataDir,
      SHOPCAST_ALLOW_PRIVATE_URLS: 'true',
      LINK_BASE_URL,
      ...fakePinterestEnv(pinterest.url, 'links-pinterest', 'links-secret'),
    },
    rpcTimeoutMs: 20_000,
    alongside: async (given) => {
      runtime = given;
      content = await startService(ContentModule.forRoot(runtime), runtime, 'content');
      await startAnalytics();
      // Analytics is stopped and started again by a test: close whichever runs at the end.
      return {
        app: content.app,
        close: async () => {
          await analytics?.close();
          await content.close();
        },
      };
    },
  });
  const request = platform.bus.request.bind(platform.bus);
  platform.bus.request = (subject, raw, reply) => {
    if (subject === LinkSubjects.ensureForTarget) {
      const { targetId } = (JSON.parse(raw) as { data: { data: { targetId: string } } }).data.data;
      linkRequests.set(targetId, (linkRequests.get(targetId) ?? 0) + 1);
    }
    return request(subject, raw, reply);
  };
}, 120_000);

afterAll(async () => {
  await platform?.close();
  await Promise.all([pinterest?.stop(), media?.stop(), ...receivers.map((receiver) => receiver.stop())]);
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

async function webhook(receiver: WebhookReceiver, name: string): Promise<string> {
  const connection = await platform.rpc.send(
    ConnectionSubjects.create,
    { platform: 'webhook', name, config: { url: receiver.url } },
    as(),
  );
  receiver.useSecret(connection.signingSecret as string);
  return connection.id;
}

async function product(destinationUrl = PRODUCT_URL): Promise<string> {
  return (
    await platform.rpc.send(ContentSubjects.createProduct, { title: 'Linen tote', destinationUrl }, as())
  ).id;
}

function published(
  postId: string,
  isDone = (target: PostTargetView) => target.status === 'published',
  timeoutMs?: number,
) {
  return pollUntil(
    () => platform.rpc.send(PostSubjects.get, { id: postId }, as()),
    (post) => post.targets.every(isDone),
    `post ${postId} settled`,
    timeoutMs,
  );
}

/** The text the receiver got for the target. */
function delivered(receiver: WebhookReceiver, targetId: string): string {
  const hook = receiver.accepted.find((item) => item.id === targetId);
  return (hook?.payload as { data: { text: string } }).data.text;
}

const linksOf = (post: PostView) => platform.rpc.send(LinkSubjects.list, { postId: post.id }, as());

describe('tracked links of post targets', () => {
  it('asks once per target and publishes the short link in place of the product URL, with campaign and variant', async () => {
    const productId = await product();
    const connections = [await webhook(receivers[0], 'Zap A'), await webhook(receivers[1], 'Zap B')];
    const campaign = await platform.rpc.send(
      CampaignSubjects.create,
      {
        name: 'Été Linen Sale',
        connectionIds: connections,
        schedule: { timezone: 'UTC', days: ['mon'], times: ['09:00'] },
      },
      as(),
    );
    const created = await platform.rpc.send(
      PostSubjects.create,
      {
        productId,
        campaignId: campaign.id,
        scheduledAt: new Date().toISOString(),
        targets: [
          { connectionId: connections[0], text: `Linen tote, hand-dyed: ${PRODUCT_URL}`, variant: 'A' },
          {
            connectionId: connections[1],
            text: `Read https://blog.example/linen, then ${PRODUCT_URL}`,
            variant: 'B',
          },
        ],
      },
      as(),
    );
    for (const target of created.targets) {
      expect(target.link?.shortUrl).toMatch(SHORT_LINK);
      expect(target.variant).toMatch(/^[AB]$/);
      expect(target).toMatchObject({ destinationUrl: PRODUCT_URL, tracking: true });
      expect(target.text).toContain(PRODUCT_URL);
      expect(target.publishedText).toBe(target.text.replace(PRODUCT_URL, target.link?.shortUrl as string));
    }

    const done = await published(created.id);
    const [a, b] = ['A', 'B'].map(
      (variant) => done.targets.find((target) => target.variant === variant) as PostTargetView,
    );
    expect(delivered(receivers[0], a.id)).toBe(`Linen tote, hand-dyed: ${a.link?.shortUrl}`);
    // Only the product's URL is the link: the blog's URL stays as written.
    expect(delivered(receivers[1], b.id)).toBe(`Read https://blog.example/linen, then ${b.link?.shortUrl}`);
    expect(done.targets.map((target) => linkRequests.get(target.id))).toEqual([1, 1]);

    const links = await linksOf(created);
    expect(links).toHaveLength(2);
    expect(links.find((link) => link.targetId === a.id)).toMatchObject({
      id: a.link?.id,
      shortUrl: a.link?.shortUrl,
      url: PRODUCT_URL,
      productId,
      campaignId: campaign.id,
      connectionId: connections[0],
      variant: 'A',
      platform: 'webhook',
      utm: { source: 'webhook', medium: 'social', campaign: 'ete-linen-sale', content: 'A' },
    });
    const experiments = await platform.rpc.send(DashboardSubjects.experiments, { postId: created.id }, as());
    expect(experiments).toEqual([
      expect.objectContaining({ id: created.id, productId, verdict: 'inconclusive' }),
    ]);
    expect(experiments[0].variants.map((variant) => variant.variant).sort()).toEqual(['A', 'B']);
  }, 60_000);

  it('keeps the link of a target that is published again after a failure', async () => {
    const connectionId = await webhook(receivers[0], 'Flaky zap');
    receivers[0].failNext(400);
    const created = await platform.rpc.send(
      PostSubjects.create,
      { scheduledAt: new Date().toISOString(), targets: [{ connectionId, text: `New: ${PRODUCT_URL}` }] },
      as(),
    );
    const [target] = created.targets;
    const failed = await published(created.id, (found) => found.status === 'failed');
    expect(failed.targets[0].error?.class).toBe('rejected_content');
    await platform.rpc.send(PostSubjects.retry, { id: created.id }, as());
    await published(created.id);
    expect(delivered(receivers[0], target.id)).toBe(`New: ${target.link?.shortUrl}`);
    expect(linkRequests.get(target.id)).toBe(1);
    expect(await linksOf(created)).toEqual([expect.objectContaining({ id: target.link?.id })]);
  }, 60_000);

  it('makes no link for a post or target that opted out, nor for a text without a URL', async () => {
    const connectionId = await webhook(receivers[0], 'Plain zap');
    const productId = await product();
    const optedOut = await platform.rpc.send(
      PostSubjects.create,
      { productId, tracking: false, targets: [{ connectionId, text: `As is: ${PRODUCT_URL}` }] },
      as(),
    );
    expect(optedOut.tracking).toBe(false);
    const mixed = await platform.rpc.send(
      PostSubjects.create,
      {
        productId,
        scheduledAt: new Date().toISOString(),
        targets: [
          { connectionId, text: `Raw: ${PRODUCT_URL}`, tracking: false },
          { connectionId, text: 'A tote, no link' },
          { connectionId, text: `Tracked: ${PRODUCT_URL}` },
        ],
      },
      as(),
    );
    // A post's targets come back in their own order: found here by their text.
    const [raw, plain, tracked] = ['Raw', 'A tote', 'Tracked'].map(
      (start) => mixed.targets.find((target) => target.text.startsWith(start)) as PostTargetView,
    );
    for (const target of [...optedOut.targets, raw, plain]) {
      expect(target).toMatchObject({ destinationUrl: null, link: null, publishedText: target.text });
      expect(linkRequests.has(target.id)).toBe(false);
    }
    expect(tracked.link?.shortUrl).toMatch(SHORT_LINK);
    await published(mixed.id);
    expect(delivered(receivers[0], raw.id)).toBe(`Raw: ${PRODUCT_URL}`);
    expect(delivered(receivers[0], tracked.id)).toBe(`Tracked: ${tracked.link?.shortUrl}`);
    expect(await linksOf(mixed)).toEqual([expect.objectContaining({ targetId: tracked.id })]);
    expect(await linksOf(optedOut)).toEqual([]);
  }, 60_000);

  it('fails a target whose link would lead to a blocked domain, saying which, and publishes nothing', async () => {
    const connectionId = await webhook(receivers[0], 'Blocked zap');
    const created = await platform.rpc.send(
      PostSubjects.create,
      {
        scheduledAt: new Date().toISOString(),
        targets: [{ connectionId, text: 'Deal: https://bit.ly/tote-deal' }],
      },
      as(),
    );
    const [target] = created.targets;
    expect(target).toMatchObject({ destinationUrl: 'https://bit.ly/tote-deal', link: null });
    const done = await published(created.id, (found) => found.status === 'failed');
    expect(done.targets[0].error).toEqual({
      class: 'rejected_content',
      message: expect.stringContaining('Links may not lead to bit.ly'),
    });
    expect(receivers[0].accepted.some((item) => item.id === target.id)).toBe(false);
    expect(await linksOf(created)).toEqual([]);
  }, 60_000);

  it('moves the same short link to the new URL when the text is edited', async () => {
    const connectionId = await webhook(receivers[0], 'Edited zap');
    const draft = await platform.rpc.send(
      PostSubjects.create,
      { targets: [{ connectionId, text: 'First https://shop.example/p/first' }] },
      as(),
    );
    const [target] = draft.targets;
    const edited = await platform.rpc.send(
      PostSubjects.update,
      { id: draft.id, targets: [{ id: target.id, text: 'Better: https://shop.example/p/second' }] },
      as(),
    );
    expect(edited.targets[0]).toMatchObject({
      text: 'Better: https://shop.example/p/second',
      destinationUrl: 'https://shop.example/p/second',
      link: target.link,
      publishedText: `Better: ${target.link?.shortUrl}`,
    });
    const link = await platform.rpc.send(LinkSubjects.get, { id: target.link?.id as string }, as());
    expect(link.url).toBe('https://shop.example/p/second');
    const untracked = await platform.rpc.send(
      PostSubjects.update,
      { id: draft.id, targets: [{ id: target.id, tracking: false }] },
      as(),
    );
    expect(untracked.targets[0]).toMatchObject({ tracking: false, destinationUrl: null, link: null });
    expect(untracked.targets[0].publishedText).toBe('Better: https://shop.example/p/second');
  }, 60_000);

  it('keeps a post made while analytics is down, and publishing makes its link', async () => {
    const connectionId = await webhook(receivers[1], 'Patient zap');
    const productId = await product();
    await analytics?.close();
    analytics = undefined;
    // Due in two seconds: nothing changes the post after this, so only the publisher can make the link. Should
    // it run before analytics is back, its retry (30 s later) does.
    const created = await platform.rpc.send(
      PostSubjects.create,
      {
        productId,
        scheduledAt: new Date(Date.now() + 2000).toISOString(),
        targets: [{ connectionId, text: `Soon: ${PRODUCT_URL}`, variant: 'A' }],
      },
      as(),
    );
    const [target] = created.targets;
    expect(target).toMatchObject({
      status: 'scheduled',
      destinationUrl: PRODUCT_URL,
      link: null,
      publishedText: target.text,
    });

    await startAnalytics();
    const done = await published(created.id, (found) => found.status === 'published', 90_000);
    const link = done.targets[0].link;
    expect(link?.shortUrl).toMatch(SHORT_LINK);
    expect(delivered(receivers[1], target.id)).toBe(`Soon: ${link?.shortUrl}`);
    expect(done.targets[0].publishedText).toBe(`Soon: ${link?.shortUrl}`);
    expect(await linksOf(created)).toEqual([
      expect.objectContaining({ id: link?.id, url: PRODUCT_URL, variant: 'A', productId }),
    ]);
  }, 120_000);

  it("links the posts a campaign's bank drafts, once its fill has committed", async () => {
    const productId = await product();
    const connectionId = await webhook(receivers[0], 'Bank zap');
    const campaign = await platform.rpc.send(
      CampaignSubjects.create,
      {
        name: 'Linen bank',
        connectionIds: [connectionId],
        schedule: {
          timezone: 'UTC',
          days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
          times: ['09:00'],
        },
        templates: [{ variant: 'A', text: 'Linen tote: {link}' }],
        productIds: [productId],
        fillAheadDays: 2,
      },
      as(),
    );
    // The fill worker may have run already: then this fill finds every slot taken, and the links are its own.
    await platform.service.app.get(CampaignFiller).fill(workspaceId, campaign.id);
    const posts = await pollUntil(
      () => platform.rpc.send(PostSubjects.list, { campaignId: campaign.id, limit: 100 }, as()),
      (found) => found.length > 0 && found.every((post) => post.targets[0].link !== null),
      "the bank's posts linked",
    );
    for (const { targets } of posts) {
      expect(targets[0]).toMatchObject({
        variant: 'A',
        destinationUrl: PRODUCT_URL,
        text: `Linen tote: ${PRODUCT_URL}`,
      });
      expect(targets[0].publishedText).toBe(`Linen tote: ${targets[0].link?.shortUrl}`);
      expect(linkRequests.get(targets[0].id)).toBe(1);
    }
    const links = await platform.rpc.send(LinkSubjects.list, { productId }, as());
    expect(links.filter((link) => link.campaignId === campaign.id)).toEqual(
      posts.map(() => expect.objectContaining({ utm: expect.objectContaining({ campaign: 'linen-bank' }) })),
    );
  }, 60_000);

  it('gives a pin the short link as its link, and checks the text as published', async () => {
    const connection = await connectFakePinterest(platform.rpc, as);
    const [board] = await platform.rpc.send(ConnectionSubjects.boards, { id: connection.id }, as());
    const productId = await product();
    const pin = {
      connectionId: connection.id,
      title: 'Linen tote',
      text: 'Hand-dyed linen, sewn to last.',
      mediaUrls: [`${media.url}/a.png`],
      options: { boardId: board.id },
    };
    const created = await platform.rpc.send(
      PostSubjects.create,
      { productId, scheduledAt: new Date().toISOString(), targets: [pin] },
      as(),
    );
    await published(created.id);
    const shortUrl = created.targets[0].link?.shortUrl;
    expect(shortUrl).toMatch(SHORT_LINK);
    expect(pinterest.pins.at(-1)).toMatchObject({ link: shortUrl, description: pin.text });

    // 800 characters is Pinterest's limit: a long URL fits as its short link, not as written.
    const longUrl = `https://shop.example/p/${'a'.repeat(780)}`;
    const long = { ...pin, text: `Tote ${longUrl}` };
    await expect(
      platform.rpc.send(PostSubjects.create, { productId, targets: [long] }, as()),
    ).resolves.toMatchObject({ targets: [expect.objectContaining({ destinationUrl: longUrl })] });
    const error = await domainErrorOf(
      platform.rpc.send(PostSubjects.create, { productId, tracking: false, targets: [long] }, as()),
    );
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^pinterest\.text\.max: /);
  }, 60_000);
});
