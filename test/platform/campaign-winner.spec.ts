import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CampaignSubjects,
  type ClickRecord,
  ConnectionSubjects,
  ContentSubjects,
  ConversionSubjects,
  type CreateCampaignDto,
  DashboardSubjects,
  LinkSubjects,
  PostSubjects,
  type PostView,
  type Role,
} from '@app/contracts';
import { type CallContext, type RunningService, startService } from '@app/messaging';
import { AnalyticsModule } from '../../apps/analytics/src/analytics.module.js';
import { ContentModule } from '../../apps/content/src/content.module.js';
import { CampaignFiller } from '../../apps/platform/src/campaign-fill/campaign-filler.js';
import { WinnerPicker } from '../../apps/platform/src/campaign-fill/winner-picker.js';
import { CampaignsRepository } from '../../apps/platform/src/campaigns/campaigns.repository.js';
import { callAs, type PlatformHarness, startPlatform } from '../../apps/platform/test/platform-harness.js';
import { domainErrorOf, statusOf } from '../support/domain-errors.js';

// A campaign that names its winning variant: the platform with the real analytics and content services.
let dataDir: string;
let platform: PlatformHarness;
let filler: CampaignFiller;
let picker: WinnerPicker;
const EVERY_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as CreateCampaignDto['schedule']['days'];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'shopcast-campaign-winner-'));
  platform = await startPlatform({
    database: 'shopcast_campaign_winner',
    env: { SHOPCAST_DATA_DIR: dataDir },
    rpcTimeoutMs: 30_000,
    alongside: async (runtime) => {
      const content = await startService(ContentModule.forRoot(runtime), runtime, 'content');
      const analytics: RunningService = await startService(
        AnalyticsModule.forRoot(runtime),
        runtime,
        'analytics',
      );
      return {
        app: content.app,
        close: async () => {
          await analytics.close();
          await content.close();
        },
      };
    },
  });
  filler = platform.service.app.get(CampaignFiller);
  picker = platform.service.app.get(WinnerPicker);
}, 120_000);

afterAll(async () => {
  await platform?.close();
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

/** A workspace with three products, a manual connection and a banked A/B campaign that picks its winner. */
async function abCampaign(minTrialsPerVariant: number) {
  const workspaceId = randomUUID();
  const as = (role: Role = 'editor'): CallContext => callAs(role, workspaceId);
  const product = (title: string) =>
    platform.rpc.send(
      ContentSubjects.createProduct,
      {
        title,
        priceMinor: 1500,
        currency: 'EUR',
        destinationUrl: `https://shop.example/${title.toLowerCase()}`,
      },
      as(),
    );
  // Three products: with the winner's template alone, a slot between two of them still has a third to take
  // (the bank never posts the same text as a slot's neighbours).
  const [lamp, mug, rug] = [await product('Lamp'), await product('Mug'), await product('Rug')];
  const shop = await platform.rpc.send(ConnectionSubjects.create, { platform: 'manual', name: 'Shop' }, as());
  const campaign = await platform.rpc.send(
    CampaignSubjects.create,
    {
      name: 'Spring',
      connectionIds: [shop.id],
      schedule: { timezone: 'Asia/Tokyo', days: EVERY_DAY, times: ['09:00', '15:00', '21:00'] },
      fillAheadDays: 3,
      minGapHours: 0,
      templates: [
        { variant: 'A', text: 'A: {title} {link}' },
        { variant: 'B', text: 'B: {title} {link}' },
      ],
      productIds: [lamp.id, mug.id, rug.id],
      autoWinner: { minTrialsPerVariant },
    },
    as(),
  );
  const posts = async (): Promise<PostView[]> =>
    (await platform.rpc.send(PostSubjects.list, { campaignId: campaign.id, limit: 100 }, as())).sort((a, b) =>
      (a.scheduledAt as string).localeCompare(b.scheduledAt as string),
    );
  const live = async () => (await posts()).filter((post) => post.targets[0].status !== 'cancelled');
  const get = () => platform.rpc.send(CampaignSubjects.get, { id: campaign.id }, as());
  /** Clicks on one post of the variant's links, and a sale for the first `sales` of them. */
  const traffic = async (variant: string, clicks: number, sales: number) => {
    const post = (await live()).find((candidate) => candidate.targets[0].variant === variant) as PostView;
    const target = post.targets[0];
    const link = target.link as NonNullable<typeof target.link>;
    const records: ClickRecord[] = Array.from({ length: clicks }, (_, index) => ({
      id: randomUUID(),
      linkId: link.id,
      workspaceId,
      clickedAt: new Date(Date.now() - index * 1000).toISOString(),
      productId: post.productId,
      postId: post.id,
      targetId: target.id,
      variant,
      platform: 'manual',
      country: null,
      device: 'desktop',
      browser: null,
      os: null,
      referrerDomain: null,
      isBot: false,
      visitorHash: `visitor-${variant}-${index}`,
    }));
    await platform.rpc.send(LinkSubjects.ingestClicks, { clicks: records }, as());
    for (const click of records.slice(0, sales))
      await platform.rpc.send(
        ConversionSubjects.record,
        { clickId: click.id, orderId: `order-${click.id}`, amountMinor: 1500, currency: 'EUR' },
        as(),
      );
  };
  return {
    workspaceId,
    as,
    campaign,
    posts,
    live,
    get,
    traffic,
    fill: () => filler.fill(workspaceId, campaign.id),
  };
}

describe('a campaign that names its winning variant', () => {
  it('waits for the gate, then switches its later slots to the variant best with probability ≥ 0.95', async () => {
    const ab = await abCampaign(40);
    await ab.fill();
    const before = await ab.live();
    expect(new Set(before.map((post) => post.targets[0].variant))).toEqual(new Set(['A', 'B']));

    // B sells far better, but A has fewer clicks than the gate: no winner yet, and nothing changes.
    await ab.traffic('A', 30, 1);
    await ab.traffic('B', 45, 20);
    expect(await picker.pick(ab.workspaceId, ab.campaign.id)).toBeNull();
    const [inconclusive] = await platform.rpc.send(
      DashboardSubjects.experiments,
      { campaignId: ab.campaign.id, minimumSample: 40 },
      ab.as(),
    );
    expect(inconclusive).toMatchObject({ scope: 'campaign', id: ab.campaign.id, verdict: 'inconclusive' });
    expect(await ab.live()).toHaveLength(before.length);

    await ab.traffic('A', 15, 0);
    const winner = await picker.pick(ab.workspaceId, ab.campaign.id);
    expect(winner).toMatchObject({ variant: 'B', metric: 'conversion_rate' });
    const campaign = await ab.get();
    expect(campaign.winner).toMatchObject({
      variant: 'B',
      minTrialsPerVariant: 40,
      undoneAt: null,
      reason: expect.stringMatching(
        /^"B" is best with probability 9\d\.\d % on sales per click, every variant past 40 clicks$/,
      ),
    });
    expect(campaign.winner?.probabilityToBeBest).toBeGreaterThanOrEqual(0.95);
    expect(campaign.winner?.variants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ variant: 'A', trials: 45, successes: 1 }),
        expect.objectContaining({ variant: 'B', trials: 45, successes: 20 }),
      ]),
    );

    // A's posts that had not started are cancelled with the reason; the fill puts B in their slots.
    const cancelled = (await ab.posts()).filter((post) => post.targets[0].status === 'cancelled');
    expect(cancelled.length).toBeGreaterThan(0);
    for (const post of cancelled) {
      expect(post.targets[0].variant).toBe('A');
      expect(post.targets[0].holdReason).toBe('The campaign switched to its winning variant "B"');
    }
    await ab.fill();
    const after = await ab.live();
    expect(after.map((post) => post.scheduledAt)).toEqual(before.map((post) => post.scheduledAt));
    expect(after.every((post) => post.targets[0].variant === 'B')).toBe(true);
    // Named once: the picker leaves a campaign with a holding winner alone.
    expect(await picker.pick(ab.workspaceId, ab.campaign.id)).toBeNull();
  }, 120_000);

  it('undoes the winner: the bank rotates every variant again from the next slot, and stops picking', async () => {
    const ab = await abCampaign(10);
    await ab.fill();
    const slots = (await ab.live()).map((post) => post.scheduledAt);
    await ab.traffic('A', 20, 0);
    await ab.traffic('B', 20, 12);
    await expect(picker.pick(ab.workspaceId, ab.campaign.id)).resolves.toMatchObject({ variant: 'B' });
    await ab.fill();

    const asViewer = platform.rpc.send(CampaignSubjects.undoWinner, { id: ab.campaign.id }, ab.as('viewer'));
    expect(await statusOf(asViewer)).toBe(403);
    const undone = await platform.rpc.send(CampaignSubjects.undoWinner, { id: ab.campaign.id }, ab.as());
    expect(undone.autoWinner).toBeNull();
    expect(undone.winner).toMatchObject({ variant: 'B', undoneBy: expect.any(String), undoReason: 'Undone' });
    expect(Date.parse(undone.winner?.undoneAt as string)).not.toBeNaN();
    await ab.fill();
    const after = await ab.live();
    expect(after.map((post) => post.scheduledAt)).toEqual(slots);
    expect(new Set(after.map((post) => post.targets[0].variant))).toEqual(new Set(['A', 'B']));
    expect(await picker.pick(ab.workspaceId, ab.campaign.id)).toBeNull();

    const again = await domainErrorOf(
      platform.rpc.send(CampaignSubjects.undoWinner, { id: ab.campaign.id }, ab.as()),
    );
    expect(again.status).toBe(409);
    expect(again.message).toBe('The campaign "Spring" has no winning variant to undo');
  }, 120_000);

  it('is due for a look only while it picks and has no winner, at most every CAMPAIGN_WINNER_CHECK_SEC', async () => {
    const ab = await abCampaign(10);
    const repository = platform.service.app.get(CampaignsRepository);
    const due = async () => (await repository.dueForWinner(1000, 300)).map((row) => row.id);
    expect(await due()).toContain(ab.campaign.id);
    expect(await picker.pick(ab.workspaceId, ab.campaign.id)).toBeNull();
    expect(await due()).not.toContain(ab.campaign.id);
    await platform.rpc.send(CampaignSubjects.update, { id: ab.campaign.id, autoWinner: null }, ab.as());
    expect((await ab.get()).autoWinner).toBeNull();
    expect((await repository.dueForWinner(1000, 1)).map((row) => row.id)).not.toContain(ab.campaign.id);
  }, 60_000);

  it('refuses a gate below one trial and names the field', async () => {
    const ab = await abCampaign(10);
    const error = await domainErrorOf(
      platform.rpc.send(
        CampaignSubjects.update,
        { id: ab.campaign.id, autoWinner: { minTrialsPerVariant: 0 } },
        ab.as(),
      ),
    );
    expect(error.status).toBe(400);
    expect((await ab.get()).autoWinner).toEqual({ minTrialsPerVariant: 10 });
  }, 60_000);
});
