import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CampaignSubjects,
  ConnectionSubjects,
  ContentSubjects,
  type CreateCampaignDto,
  PostSubjects,
  type PostView,
  type Role,
} from '@app/contracts';
import { type CallContext, type RpcClient, type RunningService, startService } from '@app/messaging';
import { ContentModule } from '../../apps/content/src/content.module.js';
import { CampaignFiller } from '../../apps/platform/src/campaign-fill/campaign-filler.js';
import { CampaignsRepository } from '../../apps/platform/src/campaigns/campaigns.repository.js';
import { callAs, type PlatformHarness, startPlatform } from '../../apps/platform/test/platform-harness.js';
import { domainErrorOf, statusOf } from '../support/domain-errors.js';
import { readyImage } from '../support/ready-image.js';

// The banks' fill against the real content service (product facts travel over the bus) and Postgres.
let dataDir: string;
let platform: PlatformHarness;
let rpc: RpcClient;
let filler: CampaignFiller;
let content: RunningService;
const HOUR = 3_600_000;
const EVERY_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as CreateCampaignDto['schedule']['days'];

const TWO_TEMPLATES = [
  { variant: 'A', text: 'A {title}' },
  { variant: 'B', text: 'B {title}' },
];

/** Tokyo keeps no DST: 09:00 and 21:00 there are 00:00 and 12:00 UTC. */
function tokyoSlotsAfter(now: number, count: number): string[] {
  const first = Math.ceil((now + 1) / (12 * HOUR)) * 12 * HOUR;
  return Array.from({ length: count }, (_, index) => new Date(first + index * 12 * HOUR).toISOString());
}

/** A workspace of its own per test, so that one test's fill never sees another's campaigns' posts. */
function workspace() {
  const id = randomUUID();
  const as = (role: Role = 'owner'): CallContext => callAs(role, id);
  const product = (title: string, priceMinor: number | null) =>
    rpc.send(
      ContentSubjects.createProduct,
      {
        title,
        priceMinor,
        currency: priceMinor === null ? null : 'EUR',
        destinationUrl: `https://shop.example/${title.toLowerCase().replace(/\W+/g, '-')}`,
      },
      as(),
    );
  const manual = (name: string) => rpc.send(ConnectionSubjects.create, { platform: 'manual', name }, as());
  const campaign = (body: Partial<CreateCampaignDto> & Pick<CreateCampaignDto, 'connectionIds'>) =>
    rpc.send(
      CampaignSubjects.create,
      {
        name: 'Handmade week',
        schedule: { timezone: 'Asia/Tokyo', days: EVERY_DAY, times: ['09:00', '21:00'] },
        fillAheadDays: 3,
        ...body,
      },
      as('editor'),
    );
  const posts = async (campaignId: string): Promise<PostView[]> =>
    (await rpc.send(PostSubjects.list, { campaignId, limit: 100 }, as())).sort((a, b) =>
      (a.scheduledAt as string).localeCompare(b.scheduledAt as string),
    );
  const fill = (campaignId: string) => filler.fill(id, campaignId);
  return { id, as, product, manual, campaign, posts, fill };
}

const dueIds = async () =>
  (await platform.service.app.get(CampaignsRepository).dueForFill(1000)).map((campaign) => campaign.id);

const on = (posts: PostView[], connectionId: string) =>
  posts.filter((post) => post.targets[0].connectionId === connectionId);

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'shopcast-campaign-fill-'));
  platform = await startPlatform({
    database: 'shopcast_campaign_fill',
    env: { SHOPCAST_DATA_DIR: dataDir },
    rpcTimeoutMs: 30_000,
    alongside: async (runtime) => {
      content = await startService(ContentModule.forRoot(runtime), runtime, 'content');
      return content;
    },
  });
  rpc = platform.rpc;
  filler = platform.service.app.get(CampaignFiller);
}, 90_000);

afterAll(async () => {
  await platform?.close();
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

describe('the bank fill', () => {
  it('fills every slot of each connection ahead, by rotation of products and templates', async () => {
    const ws = workspace();
    const [lamp, mug, rug] = [
      await ws.product('Lamp', 1990),
      await ws.product('Mug', 900),
      await ws.product('Rug', null),
    ];
    const [shop, blog] = [await ws.manual('Shop'), await ws.manual('Blog')];
    const startedAt = Date.now();
    const campaign = await ws.campaign({
      connectionIds: [shop.id, blog.id],
      templates: [
        { variant: 'price', text: '{title} for {price}' },
        { variant: 'link', text: 'Meet the {title}: {link}' },
        { variant: 'plain', text: '{title}, made by hand' },
      ],
      productIds: [lamp.id, mug.id, rug.id],
      minGapHours: 30,
    });
    await ws.fill(campaign.id);

    const posts = await ws.posts(campaign.id);
    const slots = tokyoSlotsAfter(startedAt, 6);
    for (const connection of [shop, blog]) {
      const own = on(posts, connection.id);
      expect(own.map((post) => post.scheduledAt)).toEqual(slots);
      expect(own.map((post) => post.productId)).toEqual([lamp.id, mug.id, rug.id, lamp.id, mug.id, rug.id]);
      const texts = own.map((post) => post.targets[0].text);
      for (let index = 1; index < texts.length; index += 1) expect(texts[index]).not.toBe(texts[index - 1]);
      for (const post of own) {
        expect(post.campaignId).toBe(campaign.id);
        expect(post.targets[0].status).toBe('scheduled');
        expect(['price', 'link', 'plain']).toContain(post.targets[0].variant);
      }
    }
    const texts = new Set(posts.map((post) => `${post.targets[0].variant}: ${post.targets[0].text}`));
    expect(texts).toContain('price: Lamp for €19.90');
    expect(texts).toContain('link: Meet the Mug: https://shop.example/mug');
    // The rug has no price: it never gets the template that names one.
    expect(
      posts.filter((post) => post.productId === rug.id).map((post) => post.targets[0].variant),
    ).not.toContain('price');

    const view = await rpc.send(CampaignSubjects.get, { id: campaign.id }, ws.as());
    expect(Date.parse(view.filledUntil as string)).toBeGreaterThanOrEqual(startedAt + 72 * HOUR);
    expect(view.nextFreeSlotAt).toBe(tokyoSlotsAfter(startedAt, 7)[6]);
  }, 60_000);

  it("attaches each product's primary image to its posts, and nothing to a product without one", async () => {
    const ws = workspace();
    const [lamp, mug] = [await ws.product('Lamp', 1990), await ws.product('Mug', 900)];
    const imageId = await readyImage(rpc, content, ws.as(), lamp.id);
    const shop = await ws.manual('Shop');
    const campaign = await ws.campaign({
      connectionIds: [shop.id],
      templates: [{ variant: 'A', text: '{title}, made by hand' }],
      productIds: [lamp.id, mug.id],
      minGapHours: 0,
    });
    await ws.fill(campaign.id);
    const posts = await ws.posts(campaign.id);
    expect(posts.length).toBeGreaterThan(2);
    for (const post of posts)
      expect(post.targets[0].mediaIds).toEqual(post.productId === lamp.id ? [imageId] : []);
    const withImage = posts.find((post) => post.productId === lamp.id) as PostView;
    expect(withImage.targets[0].media).toEqual([expect.objectContaining({ id: imageId, kind: 'image' })]);
  }, 120_000);

  it('keeps a product the minimum gap apart on a connection, leaving a slot empty rather than break it', async () => {
    const ws = workspace();
    const lamp = await ws.product('Lamp', 1990);
    const shop = await ws.manual('Shop');
    const startedAt = Date.now();
    const campaign = await ws.campaign({
      connectionIds: [shop.id],
      templates: TWO_TEMPLATES,
      productIds: [lamp.id],
      minGapHours: 24,
    });
    await ws.fill(campaign.id);
    const slots = tokyoSlotsAfter(startedAt, 6);
    const posts = await ws.posts(campaign.id);
    expect(posts.map((post) => post.scheduledAt)).toEqual([slots[0], slots[2], slots[4]]);
    expect(posts.map((post) => post.targets[0].text)).toEqual(['A Lamp', 'B Lamp', 'A Lamp']);
  }, 60_000);

  it('fills each slot once, however often and however concurrently the fill runs', async () => {
    const ws = workspace();
    const products = [await ws.product('Lamp', 1990), await ws.product('Mug', 900)];
    const connections = [await ws.manual('Shop'), await ws.manual('Blog'), await ws.manual('Stall')];
    const campaign = await ws.campaign({
      connectionIds: connections.map((connection) => connection.id),
      templates: TWO_TEMPLATES,
      productIds: products.map((product) => product.id),
      minGapHours: 0,
    });
    await Promise.all([ws.fill(campaign.id), ws.fill(campaign.id), filler.fillDue(), ws.fill(campaign.id)]);
    await ws.fill(campaign.id);
    // A later run that finds the horizon reset (as after a change) fills nothing already filled either.
    await platform.dataSource.query('UPDATE campaigns SET filled_until = NULL WHERE id = $1', [campaign.id]);
    await Promise.all([ws.fill(campaign.id), filler.fillDue()]);

    const posts = await ws.posts(campaign.id);
    expect(posts).toHaveLength(3 * 6);
    const perSlot = await platform.dataSource.query(
      `SELECT t.connection_id, p.scheduled_at, count(*)::int AS n FROM posts p JOIN post_targets t ON t.post_id = p.id
       WHERE p.campaign_id = $1 GROUP BY 1, 2 HAVING count(*) > 1`,
      [campaign.id],
    );
    expect(perSlot).toEqual([]);
    const keys = await platform.dataSource.query(
      'SELECT count(*)::int AS n, count(post_id)::int AS attached FROM campaign_slots WHERE campaign_id = $1',
      [campaign.id],
    );
    expect(keys).toEqual([{ n: 18, attached: 18 }]);
  }, 60_000);

  it('stops once the bank is used up, and completes when its last post went out', async () => {
    const ws = workspace();
    const lamp = await ws.product('Lamp', 1990);
    const shop = await ws.manual('Shop');
    const campaign = await ws.campaign({
      connectionIds: [shop.id],
      templates: TWO_TEMPLATES,
      productIds: [lamp.id],
      minGapHours: 0,
      whenBankUsedUp: 'stop',
    });
    await ws.fill(campaign.id);
    const posts = await ws.posts(campaign.id);
    expect(posts.map((post) => post.targets[0].variant)).toEqual(['A', 'B']);
    const usedUp = await rpc.send(CampaignSubjects.get, { id: campaign.id }, ws.as());
    expect(usedUp).toMatchObject({ status: 'active', bankUsedUpAt: expect.any(String) });

    expect(await ws.fill(campaign.id)).toEqual({ created: 0, completed: false });
    await rpc.send(PostSubjects.markPublished, { id: posts[0].id, url: 'https://shop.example/p/1' }, ws.as());
    expect(await ws.fill(campaign.id)).toEqual({ created: 0, completed: false });
    await rpc.send(PostSubjects.markPublished, { id: posts[1].id, url: 'https://shop.example/p/2' }, ws.as());
    expect(await ws.fill(campaign.id)).toEqual({ created: 0, completed: true });
    expect((await rpc.send(CampaignSubjects.get, { id: campaign.id }, ws.as())).status).toBe('completed');
    expect((await ws.posts(campaign.id)).map((post) => post.targets[0].status)).toEqual([
      'published',
      'published',
    ]);
  }, 60_000);

  it('drafts for review when the workspace requires it, fills nothing while paused, and ends at endsAt', async () => {
    const ws = workspace();
    await rpc.send(PostSubjects.updateSettings, { requireReview: true }, ws.as());
    const [lamp, mug] = [await ws.product('Lamp', 1990), await ws.product('Mug', 900)];
    const shop = await ws.manual('Shop');
    const startedAt = Date.now();
    const endsAt = new Date(startedAt + 40 * HOUR).toISOString();
    const campaign = await ws.campaign({
      connectionIds: [shop.id],
      templates: [{ variant: 'A', text: '{title}!' }],
      productIds: [lamp.id, mug.id],
      fillAheadDays: 7,
      minGapHours: 0,
      endsAt,
    });
    await ws.fill(campaign.id);
    // Filled up to its end, it has no fill work until that end passes: the minute's run leaves it alone.
    expect(await dueIds()).not.toContain(campaign.id);
    const slots = tokyoSlotsAfter(startedAt, 4).filter((slot) => slot <= endsAt);
    const drafted = await ws.posts(campaign.id);
    expect(drafted.map((post) => post.scheduledAt)).toEqual(slots);
    expect(drafted.map((post) => post.targets[0])).toEqual(
      slots.map(() => expect.objectContaining({ status: 'needs_review', variant: 'A' })),
    );

    await rpc.send(CampaignSubjects.pause, { id: campaign.id }, ws.as());
    await platform.dataSource.query('UPDATE campaigns SET filled_until = NULL WHERE id = $1', [campaign.id]);
    expect(await ws.fill(campaign.id)).toEqual({ created: 0, completed: false });
    await rpc.send(CampaignSubjects.resume, { id: campaign.id }, ws.as());
    await ws.fill(campaign.id);
    const resumed = await ws.posts(campaign.id);
    expect(resumed.map((post) => post.id).sort()).toEqual(drafted.map((post) => post.id).sort());
    expect(resumed.map((post) => post.targets[0].status)).toEqual(slots.map(() => 'needs_review'));

    // The end passes: the next run completes the campaign and cancels what has not gone out.
    await platform.dataSource.query(
      `UPDATE campaigns SET ends_at = now() - interval '1 second' WHERE id = $1`,
      [campaign.id],
    );
    expect(await dueIds()).toContain(campaign.id);
    await filler.fillDue();
    expect((await rpc.send(CampaignSubjects.get, { id: campaign.id }, ws.as())).status).toBe('completed');
    expect((await ws.posts(campaign.id)).map((post) => post.targets[0].holdReason)).toEqual(
      slots.map(() => 'The campaign ended'),
    );
  }, 60_000);

  it('refuses a bank it cannot fill: unknown placeholders, repeated labels, foreign products, past ends', async () => {
    const ws = workspace();
    const other = workspace();
    const lamp = await ws.product('Lamp', 1990);
    const theirs = await other.product('Their lamp', 500);
    const shop = await ws.manual('Shop');
    const base = { connectionIds: [shop.id], productIds: [lamp.id] };
    const refusal = async (body: Partial<CreateCampaignDto>) => {
      const error = await domainErrorOf(ws.campaign({ ...base, ...body }));
      return { status: error.status, message: error.message };
    };
    expect(await refusal({ templates: [{ variant: 'A', text: 'Only {colour} today' }] })).toEqual({
      status: 400,
      message: 'Template "A" uses {colour}; a template may use {title}, {price}, {link}',
    });
    expect(
      await refusal({
        templates: [
          { variant: 'Short', text: '{title}' },
          { variant: 'short ', text: '{title}!' },
        ],
      }),
    ).toEqual({
      status: 400,
      message: 'Two templates are labelled "short": each variant label must be unique',
    });
    expect(await refusal({ productIds: [theirs.id] })).toEqual({
      status: 404,
      message: expect.stringContaining(theirs.id),
    });
    expect((await refusal({ endsAt: new Date(Date.now() - HOUR).toISOString() })).status).toBe(400);
    expect((await refusal({ fillAheadDays: 0 })).status).toBe(400);
    expect((await refusal({ whenBankUsedUp: 'never' as 'stop' })).status).toBe(400);
    expect((await refusal({ templates: [{ variant: '', text: 'x' }] })).status).toBe(400);
    expect(
      await statusOf(
        rpc.send(
          CampaignSubjects.create,
          { ...base, name: 'x', schedule: { timezone: 'UTC', days: ['mon'], times: ['09:00'] } },
          ws.as('viewer'),
        ),
      ),
    ).toBe(403);

    const campaign = await ws.campaign({ ...base, templates: [{ variant: 'A', text: '{title}' }] });
    await ws.fill(campaign.id);
    const edited = await rpc.send(
      CampaignSubjects.update,
      { id: campaign.id, templates: [{ variant: 'B', text: 'New {title}' }] },
      ws.as('editor'),
    );
    expect(edited).toMatchObject({ templates: [{ variant: 'B', text: 'New {title}' }], filledUntil: null });
    expect(
      await statusOf(
        rpc.send(CampaignSubjects.update, { id: campaign.id, productIds: [theirs.id] }, ws.as()),
      ),
    ).toBe(404);
  }, 60_000);
});
