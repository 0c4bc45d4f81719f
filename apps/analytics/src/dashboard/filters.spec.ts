import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AnalyticsSubjects,
  type AnalyticsFilterQuery,
  type BreakdownQuery,
  ConversionSubjects,
  DashboardSubjects,
  EventSubjects,
  LinkSubjects,
  type LinkView,
  type TimeseriesQuery,
} from '@app/contracts';
import {
  type AnalyticsHarness,
  clickOn,
  event,
  ingest,
  member,
  productView,
  startAnalytics,
} from '../../test/analytics-harness.js';

const HOUR = 3_600_000;

const product = (id: string, title: string, currency: string, commissionRate: number | null) =>
  productView({ id, title, currency, commissionRate, priceMinor: 1000 });

/**
 * One workspace with two campaigns: spring (a post with variants A and B on two connections) and summer (a
 * post on the first connection), and a link of no campaign. Tote earns 10 % commission, lamp 12.5 %, mug none.
 */
describe('Dashboard filters, campaign breakdown and estimated commission (analytics service, real Postgres)', () => {
  let analytics: AnalyticsHarness;
  const owner = member();
  const workspaceId = owner.principal.workspaceId;
  const [spring, summer] = [randomUUID(), randomUUID()];
  const [instagram, pinterest] = [randomUUID(), randomUUID()];
  const [springPost, summerPost] = [randomUUID(), randomUUID()];
  const [tote, mug, lamp] = [randomUUID(), randomUUID(), randomUUID()];
  const links: Record<'a' | 'b' | 'summer' | 'manual', LinkView> = {} as never;
  const thisHour = Math.floor(Date.now() / HOUR) * HOUR;
  const at = (hoursAgo: number) => new Date(thisHour - hoursAgo * HOUR + 600_000).toISOString();

  const summary = (query: AnalyticsFilterQuery, call = owner) =>
    analytics.rpc.send(AnalyticsSubjects.workspaceSummary, query, call);

  async function targetLink(input: {
    postId: string;
    connectionId: string;
    platform: string;
    productId: string;
    campaignId?: string;
    campaignSlug?: string;
    variant?: string;
  }): Promise<LinkView> {
    const targetId = randomUUID();
    await analytics.bus.publish(
      event(EventSubjects.postPublished, workspaceId, {
        postId: input.postId,
        targetId,
        connectionId: input.connectionId,
        platform: input.platform,
        productId: input.productId,
        externalId: null,
        externalUrl: null,
        publishedAt: at(5),
      }),
    );
    return analytics.rpc.send(
      LinkSubjects.ensureForTarget,
      { idempotencyKey: targetId, targetId, url: 'https://shop.example/', ...input },
      owner,
    );
  }

  async function impressions(link: LinkView, count: number) {
    await analytics.bus.publish(
      event(EventSubjects.metricsCollected, workspaceId, {
        postId: link.postId,
        targetId: link.targetId,
        platform: link.platform,
        productId: link.productId,
        variant: link.variant,
        collectedAt: at(0),
        impressions: count,
        views: count,
        likes: 0,
        comments: 0,
        shares: 0,
        saves: 0,
        clicks: 0,
      }),
    );
  }

  async function sale(link: LinkView, orderId: string, amountMinor: number, currency: string) {
    const click = clickOn(link, workspaceId, { clickedAt: at(1), country: 'IN' });
    await ingest(analytics.rpc, [click]);
    await analytics.rpc.send(
      ConversionSubjects.record,
      { clickId: click.id, orderId, amountMinor, currency, occurredAt: at(1) },
      owner,
    );
  }

  beforeAll(async () => {
    analytics = await startAnalytics();
    await analytics.bus.publish(
      event(EventSubjects.productCreated, workspaceId, product(tote, 'Tote', 'USD', 10)),
    );
    await analytics.bus.publish(
      event(EventSubjects.catalogImported, workspaceId, {
        importId: randomUUID(),
        created: [
          { id: mug, title: 'Mug', priceMinor: 900, costMinor: null, currency: 'USD', commissionRate: null },
          {
            id: lamp,
            title: 'Lamp',
            priceMinor: 9000,
            costMinor: null,
            currency: 'EUR',
            commissionRate: 12.5,
          },
        ],
        updated: [],
      }),
    );
    const springTarget = { postId: springPost, productId: tote, campaignId: spring, campaignSlug: 'spring' };
    links.a = await targetLink({
      ...springTarget,
      connectionId: instagram,
      platform: 'instagram',
      variant: 'A',
    });
    links.b = await targetLink({
      ...springTarget,
      connectionId: pinterest,
      platform: 'pinterest',
      variant: 'B',
    });
    links.summer = await targetLink({
      postId: summerPost,
      productId: mug,
      campaignId: summer,
      campaignSlug: 'summer',
      connectionId: instagram,
      platform: 'instagram',
    });
    links.manual = await analytics.rpc.send(
      LinkSubjects.create,
      { url: 'https://shop.example/lamp', productId: lamp, platform: 'x' },
      owner,
    );
    await ingest(analytics.rpc, [
      clickOn(links.a, workspaceId, { clickedAt: at(2), visitorHash: 'a', country: 'FR' }),
      clickOn(links.a, workspaceId, { clickedAt: at(2), visitorHash: 'a', country: 'FR' }),
      clickOn(links.a, workspaceId, { clickedAt: at(2), isBot: true, device: 'bot', country: 'FR' }),
      clickOn(links.b, workspaceId, { clickedAt: at(2), country: 'DE' }),
      clickOn(links.summer, workspaceId, { clickedAt: at(2), country: 'US' }),
    ]);
    // Each sale comes with a click from India: a, b, summer and manual get one more click each.
    await sale(links.a, 'o-a', 5000, 'USD');
    await sale(links.b, 'o-b', 3000, 'USD');
    await sale(links.summer, 'o-summer', 2000, 'USD');
    await sale(links.manual, 'o-manual', 4000, 'EUR');
    await impressions(links.a, 100);
    await impressions(links.b, 200);
    await impressions(links.summer, 50);
  }, 60_000);

  afterAll(async () => {
    await analytics?.close();
  });

  it('estimates commission per currency on the products that have a rate', async () => {
    expect((await summary({})).revenue).toEqual([
      expect.objectContaining({ currency: 'USD', revenueMinor: 10_000, estimatedCommissionMinor: 800 }),
      expect.objectContaining({ currency: 'EUR', revenueMinor: 4000, estimatedCommissionMinor: 500 }),
    ]);
    // Mug has no rate: a report of its sales alone has no commission to estimate.
    expect((await summary({ campaignId: summer })).revenue).toEqual([
      expect.objectContaining({ currency: 'USD', revenueMinor: 2000, estimatedCommissionMinor: null }),
    ]);
  });

  it('narrows the summary to a campaign, a connection, or a post and variant', async () => {
    expect(await summary({ campaignId: spring })).toMatchObject({
      clicks: 5,
      uniqueClicks: 4,
      botClicks: 1,
      impressions: 300,
      orders: 2,
      revenue: [
        expect.objectContaining({ currency: 'USD', revenueMinor: 8000, estimatedCommissionMinor: 800 }),
      ],
    });
    expect(await summary({ connectionId: instagram })).toMatchObject({
      clicks: 5,
      impressions: 150,
      orders: 2,
      revenue: [expect.objectContaining({ revenueMinor: 7000, estimatedCommissionMinor: 500 })],
    });
    expect(await summary({ postId: springPost, variant: 'B' })).toMatchObject({
      clicks: 2,
      impressions: 200,
      orders: 1,
      revenue: [expect.objectContaining({ revenueMinor: 3000, estimatedCommissionMinor: 300 })],
    });
    expect(await summary({ campaignId: spring, connectionId: pinterest })).toMatchObject({
      clicks: 2,
      orders: 1,
    });
  });

  it('gives empty figures for ids the workspace does not know, including another workspace’s', async () => {
    const empty = { clicks: 0, uniqueClicks: 0, botClicks: 0, impressions: 0, orders: 0, revenue: [] };
    expect(await summary({ campaignId: randomUUID() })).toMatchObject(empty);
    expect(await summary({ variant: 'Z' })).toMatchObject(empty);
    const stranger = member();
    const theirs = await analytics.rpc.send(
      LinkSubjects.create,
      { url: 'https://other.example/', campaignId: randomUUID(), postId: randomUUID() },
      stranger,
    );
    await ingest(analytics.rpc, [clickOn(theirs, stranger.principal.workspaceId)]);
    expect(await summary({ campaignId: theirs.campaignId! })).toMatchObject(empty);
    expect(await summary({ postId: theirs.postId! })).toMatchObject(empty);
    expect(await summary({ campaignId: spring }, stranger)).toMatchObject(empty);
    expect(
      (
        await analytics.rpc.send(
          DashboardSubjects.breakdown,
          { by: 'campaign', campaignId: spring },
          stranger,
        )
      ).rows,
    ).toEqual([]);
  });

  it('breaks down by campaign, labelled with its utm_campaign', async () => {
    const byCampaign = await analytics.rpc.send(DashboardSubjects.breakdown, { by: 'campaign' }, owner);
    expect(byCampaign.rows.map((row) => [row.key, row.label, row.clicks, row.orders])).toEqual([
      [spring, 'spring', 5, 2],
      [summer, 'summer', 2, 1],
      ['(none)', null, 1, 1],
    ]);
    expect(byCampaign.rows[0].revenue).toEqual([
      expect.objectContaining({ currency: 'USD', revenueMinor: 8000, estimatedCommissionMinor: 800 }),
    ]);
    const byConnection = await analytics.rpc.send(
      DashboardSubjects.breakdown,
      { by: 'connection', campaignId: spring },
      owner,
    );
    expect(byConnection.rows.map((row) => [row.key, row.label, row.clicks])).toEqual([
      [instagram, 'instagram', 3],
      [pinterest, 'pinterest', 2],
    ]);
  });

  it('breaks a filtered report down by what the link fixes and by what the visit fixes', async () => {
    const breakdown = async (query: BreakdownQuery) =>
      (await analytics.rpc.send(DashboardSubjects.breakdown, query, owner)).rows.map((row) => [
        row.key,
        row.clicks,
        row.uniqueClicks,
        row.orders,
      ]);
    // The sales' clicks came from India; the bot's click counts in no row.
    expect(await breakdown({ by: 'country', campaignId: spring })).toEqual([
      ['IN', 2, 2, 2],
      ['FR', 2, 1, 0],
      ['DE', 1, 1, 0],
    ]);
    expect(await breakdown({ by: 'variant', postId: springPost })).toEqual([
      ['A', 3, 2, 1],
      ['B', 2, 2, 1],
    ]);
    expect(await breakdown({ by: 'post', connectionId: instagram })).toEqual([
      [springPost, 3, 2, 1],
      [summerPost, 2, 2, 1],
    ]);
    expect(await breakdown({ by: 'platform', variant: 'B' })).toEqual([['pinterest', 2, 2, 1]]);
  });

  it('answers a window of whole hours (hourly rollups) with the same filtered figures', async () => {
    const window = {
      from: new Date(thisHour - 3 * HOUR).toISOString(),
      to: new Date(thisHour + HOUR).toISOString(),
    };
    expect(await summary({ ...window, campaignId: spring })).toMatchObject({ clicks: 5, orders: 2 });
    const byDevice = await analytics.rpc.send(
      DashboardSubjects.breakdown,
      { ...window, by: 'device', campaignId: spring },
      owner,
    );
    expect(byDevice.rows.map((row) => [row.key, row.clicks])).toEqual([
      ['mobile', 5],
      ['bot', 0],
    ]);
  });

  it('charts filtered clicks, revenue and estimated commission over time', async () => {
    const total = async (query: TimeseriesQuery) =>
      (
        await analytics.rpc.send(DashboardSubjects.timeseries, { interval: 'hour', ...query }, owner)
      ).points.reduce((sum, point) => sum + point.value, 0);
    expect(await total({ metric: 'clicks', campaignId: spring })).toBe(5);
    expect(await total({ metric: 'unique_clicks', connectionId: pinterest })).toBe(2);
    expect(await total({ metric: 'orders', campaignId: spring })).toBe(2);
    expect(await total({ metric: 'revenue', campaignId: spring, currency: 'USD' })).toBe(8000);
    expect(await total({ metric: 'estimated_commission', currency: 'USD' })).toBe(800);
    expect(await total({ metric: 'estimated_commission', currency: 'EUR' })).toBe(500);
    expect(await total({ metric: 'estimated_commission', campaignId: summer, currency: 'USD' })).toBe(0);
  });

  it('shows commission in top products and post analytics, and follows a changed rate', async () => {
    const top = await analytics.rpc.send(DashboardSubjects.topProducts, { connectionId: instagram }, owner);
    expect(top.rows.map((row) => [row.label, row.revenue[0]?.estimatedCommissionMinor])).toEqual([
      ['Tote', 500],
      ['Mug', null],
    ]);
    const post = await analytics.rpc.send(DashboardSubjects.post, { id: springPost }, owner);
    expect(post.revenue).toEqual([
      expect.objectContaining({ revenueMinor: 8000, estimatedCommissionMinor: 800 }),
    ]);
    expect(post.byPlatform.map((row) => [row.key, row.revenue[0]?.estimatedCommissionMinor])).toEqual(
      expect.arrayContaining([
        ['instagram', 500],
        ['pinterest', 300],
      ]),
    );

    await analytics.bus.publish(
      event(EventSubjects.productUpdated, workspaceId, product(tote, 'Tote', 'USD', 20)),
    );
    expect((await summary({ campaignId: spring })).revenue).toEqual([
      expect.objectContaining({ revenueMinor: 8000, estimatedCommissionMinor: 1600 }),
    ]);
  });

  it('refuses malformed filters with 400', async () => {
    for (const query of [
      { campaignId: 'spring' },
      { connectionId: '1' },
      { postId: 'x' },
      { variant: ' ' },
    ]) {
      await expect(summary(query)).rejects.toMatchObject({ status: 400 });
    }
    await expect(
      analytics.rpc.send(DashboardSubjects.breakdown, { by: 'campaign', campaignId: 'nope' }, owner),
    ).rejects.toMatchObject({ status: 400 });
  });
});
