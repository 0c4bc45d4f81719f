import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AnalyticsSubjects,
  ConversionSubjects,
  DashboardSubjects,
  EventSubjects,
  LinkSubjects,
  type LinkView,
} from '@app/contracts';
import {
  type AnalyticsHarness,
  clickOn,
  event,
  ingest,
  member,
  startAnalytics,
} from '../../test/analytics-harness.js';

const HOUR = 3_600_000;

describe('Dashboard over rollups (analytics service, real Postgres)', () => {
  let analytics: AnalyticsHarness;
  const owner = member();
  const workspaceId = owner.principal.workspaceId;
  const productId = randomUUID();
  const postId = randomUUID();
  const targetId = randomUUID();
  let link: LinkView;
  // Ten minutes into whole hours, so which hourly bucket a click falls in does not depend on the clock.
  const thisHour = Math.floor(Date.now() / HOUR) * HOUR;
  const at = (hoursAgo: number) => new Date(thisHour - hoursAgo * HOUR + 600_000).toISOString();

  beforeAll(async () => {
    analytics = await startAnalytics();
    // Products arrive in the catalog read model through a catalog import event (one product per event otherwise).
    await analytics.bus.publish(
      event(EventSubjects.catalogImported, workspaceId, {
        importId: randomUUID(),
        created: [{ id: productId, title: 'Linen tote', priceMinor: 5000, costMinor: 2000, currency: 'USD' }],
        updated: [],
      }),
    );
    link = await analytics.rpc.send(
      LinkSubjects.create,
      { url: 'https://shop.example/tote', productId, postId, targetId, platform: 'instagram', variant: 'A' },
      owner,
    );
    const visitor = 'visitor-1';
    await ingest(analytics.rpc, [
      clickOn(link, workspaceId, { clickedAt: at(1), visitorHash: visitor }),
      clickOn(link, workspaceId, { clickedAt: at(1), visitorHash: visitor, referrerDomain: 't.co' }),
      clickOn(link, workspaceId, { clickedAt: at(2), country: 'DE', device: 'desktop' }),
      clickOn(link, workspaceId, { clickedAt: at(1), isBot: true, device: 'bot' }),
    ]);
    await analytics.bus.publish(
      event(EventSubjects.metricsCollected, workspaceId, {
        postId,
        targetId,
        platform: 'instagram',
        productId,
        variant: 'A',
        collectedAt: at(0),
        impressions: 300,
        views: 300,
        likes: 20,
        comments: 5,
        shares: 3,
        saves: 2,
        clicks: 4,
      }),
    );
    await analytics.rpc.send(
      ConversionSubjects.record,
      { linkId: link.id, orderId: 'order-1', amountMinor: 5000, currency: 'USD', occurredAt: at(1) },
      owner,
    );
  }, 60_000);

  afterAll(async () => {
    await analytics?.close();
  });

  it('summarises human clicks, daily unique visitors, bots, reach, sales, EPC and profit', async () => {
    const summary = await analytics.rpc.send(AnalyticsSubjects.workspaceSummary, {}, owner);
    expect(summary).toMatchObject({
      workspaceId,
      products: 1,
      clicks: 3,
      uniqueClicks: 2,
      botClicks: 1,
      impressions: 300,
      engagements: 30,
      ctr: 3 / 300,
      engagementRate: 30 / 300,
      orders: 1,
      conversionRate: 1 / 3,
      revenue: [
        { currency: 'USD', revenueMinor: 5000, orders: 1, epcMinor: Math.round(5000 / 3), profitMinor: 3000 },
      ],
    });
  });

  it('answers the same figures from hourly rollups for a window that is not whole days', async () => {
    const summary = await analytics.rpc.send(
      AnalyticsSubjects.workspaceSummary,
      { from: new Date(thisHour - HOUR).toISOString(), to: new Date(thisHour + HOUR).toISOString() },
      owner,
    );
    expect(summary).toMatchObject({ clicks: 2, botClicks: 1, orders: 1 });
  });

  it('breaks clicks and sales down by a dimension, with product titles as labels', async () => {
    const byCountry = await analytics.rpc.send(DashboardSubjects.breakdown, { by: 'country' }, owner);
    expect(byCountry.rows).toEqual([
      expect.objectContaining({ key: 'FR', clicks: 2, uniqueClicks: 1 }),
      expect.objectContaining({ key: 'DE', clicks: 1, uniqueClicks: 1 }),
      // The sale came with a link id only, so its country is unknown.
      expect.objectContaining({ key: '(none)', clicks: 0, orders: 1 }),
    ]);
    const byReferrer = await analytics.rpc.send(DashboardSubjects.breakdown, { by: 'referrer' }, owner);
    expect(byReferrer.rows.map((row) => [row.key, row.clicks])).toEqual([
      ['instagram.com', 2],
      ['t.co', 1],
      ['(none)', 0],
    ]);
    const top = await analytics.rpc.send(DashboardSubjects.topProducts, {}, owner);
    expect(top.rows[0]).toMatchObject({ key: productId, label: 'Linen tote', clicks: 3, orders: 1 });
  });

  it('charts clicks per hour and revenue per day', async () => {
    const hourly = await analytics.rpc.send(
      DashboardSubjects.timeseries,
      { metric: 'clicks', interval: 'hour', tz: 'Asia/Kolkata' },
      owner,
    );
    expect(hourly.points.reduce((sum, point) => sum + point.value, 0)).toBe(3);
    expect(hourly.points.every((point) => new Date(point.at).getUTCMinutes() === 30)).toBe(true);
    const revenue = await analytics.rpc.send(DashboardSubjects.timeseries, { metric: 'revenue' }, owner);
    expect(revenue.points.reduce((sum, point) => sum + point.value, 0)).toBe(5000);
  });

  it('reports one post with its platform metrics', async () => {
    const post = await analytics.rpc.send(DashboardSubjects.post, { id: postId }, owner);
    expect(post).toMatchObject({
      postId,
      clicks: 3,
      orders: 1,
      metrics: { impressions: 300, likes: 20, engagements: 30 },
      byPlatform: [expect.objectContaining({ key: 'instagram', clicks: 3, orders: 1 })],
    });
  });

  it('compares caption variants of a post as an experiment, inconclusive below the minimum sample', async () => {
    const variantB = await analytics.rpc.send(
      LinkSubjects.create,
      { url: 'https://shop.example/tote', productId, postId, platform: 'instagram', variant: 'B' },
      owner,
    );
    await ingest(analytics.rpc, [clickOn(variantB, workspaceId, { clickedAt: at(1) })]);
    const [experiment] = await analytics.rpc.send(DashboardSubjects.experiments, { productId }, owner);
    expect(experiment).toMatchObject({
      id: postId,
      productId,
      metric: 'conversion_rate',
      verdict: 'inconclusive',
      winner: null,
      variants: [
        expect.objectContaining({ variant: 'A', clicks: 3, conversions: 1, impressions: 300 }),
        expect.objectContaining({ variant: 'B', clicks: 1, conversions: 0, impressions: 0 }),
      ],
    });
    const total = experiment.variants.reduce((sum, variant) => sum + variant.probabilityToBeBest, 0);
    expect(total).toBeCloseTo(1, 6);
    await expect(
      analytics.rpc.send(DashboardSubjects.experiment, { id: postId }, member()),
    ).rejects.toMatchObject({
      status: 404,
    });
    // Without a post or product: every experiment of the workspace, and none of another's.
    expect(await analytics.rpc.send(DashboardSubjects.experiments, {}, owner)).toEqual([experiment]);
    expect(await analytics.rpc.send(DashboardSubjects.experiments, {}, member())).toEqual([]);
  });

  it('shows another workspace nothing of this one, and refuses bad windows with 400', async () => {
    const stranger = member();
    expect(await analytics.rpc.send(AnalyticsSubjects.workspaceSummary, {}, stranger)).toMatchObject({
      clicks: 0,
      orders: 0,
      impressions: 0,
      revenue: [],
    });
    expect((await analytics.rpc.send(DashboardSubjects.breakdown, { by: 'link' }, stranger)).rows).toEqual(
      [],
    );
    expect((await analytics.rpc.send(DashboardSubjects.post, { id: postId }, stranger)).clicks).toBe(0);
    await expect(
      analytics.rpc.send(AnalyticsSubjects.workspaceSummary, { from: at(0), to: at(5) }, owner),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      analytics.rpc.send(AnalyticsSubjects.workspaceSummary, { tz: 'Mars/Olympus' }, owner),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      analytics.rpc.send(DashboardSubjects.breakdown, { by: 'password' } as never, owner),
    ).rejects.toMatchObject({ status: 400 });
  });
});
