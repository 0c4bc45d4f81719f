import { createHmac, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AnalyticsSubjects,
  ConversionSubjects,
  LinkSubjects,
  type LinkView,
  SHOPIFY_WEBHOOK_MAX_BYTES,
} from '@app/contracts';
import {
  type AnalyticsHarness,
  anonymous,
  clickOn,
  ingest,
  member,
  startAnalytics,
} from '../../test/analytics-harness.js';

const SHOPIFY_SECRET = 'shpss_test_secret_value';

function signed(body: object, secret = SHOPIFY_SECRET) {
  const raw = Buffer.from(JSON.stringify(body));
  return { raw, hmac: createHmac('sha256', secret).update(raw).digest('base64') };
}

describe('Conversions (analytics service, real Postgres)', () => {
  let analytics: AnalyticsHarness;
  const owner = member(randomUUID(), 'owner');
  const workspaceId = owner.principal.workspaceId;
  let link: LinkView;

  beforeAll(async () => {
    analytics = await startAnalytics();
    link = await analytics.rpc.send(
      LinkSubjects.create,
      {
        url: 'https://shop.example/',
        productId: randomUUID(),
        postId: randomUUID(),
        platform: 'pinterest',
        variant: 'B',
      },
      owner,
    );
  }, 60_000);

  afterAll(async () => {
    await analytics?.close();
  });

  const revenueOf = async (call = owner) =>
    (await analytics.rpc.send(AnalyticsSubjects.workspaceSummary, {}, call)).revenue;

  it('attributes a sale to its click, post, variant, product and platform, once per order id', async () => {
    const click = clickOn(link, workspaceId, { country: 'IN' });
    await ingest(analytics.rpc, [click]);
    const input = { clickId: click.id, orderId: 'A-1', amountMinor: 1999, currency: 'usd' };
    const first = await analytics.rpc.send(ConversionSubjects.record, input, owner);
    expect(first).toMatchObject({
      orderId: 'A-1',
      currency: 'USD',
      status: 'approved',
      revenueMinor: 1999,
      linkId: link.id,
      postId: link.postId,
      productId: link.productId,
      platform: 'pinterest',
      variant: 'B',
    });
    const again = await analytics.rpc.send(ConversionSubjects.record, input, owner);
    expect(again.id).toBe(first.id);
    expect(await revenueOf()).toEqual([expect.objectContaining({ revenueMinor: 1999, orders: 1 })]);
  });

  it('takes a refund out of revenue, and attributes a sale whose click arrives after it', async () => {
    const refunded = await analytics.rpc.send(
      ConversionSubjects.record,
      { orderId: 'A-1', amountMinor: 1999, currency: 'USD', status: 'refunded' },
      owner,
    );
    expect(refunded).toMatchObject({ status: 'refunded', revenueMinor: 0, linkId: link.id });
    expect(await revenueOf()).toEqual([]);

    const lateClick = clickOn(link, workspaceId);
    const early = await analytics.rpc.send(
      ConversionSubjects.record,
      { clickId: lateClick.id, orderId: 'A-2', amountMinor: 500, currency: 'EUR' },
      owner,
    );
    expect(early.linkId).toBeNull();
    await ingest(analytics.rpc, [lateClick]);
    const byVariant = await analytics.rpc.send('analytics.breakdown.get', { by: 'variant' }, owner);
    expect(byVariant.rows).toEqual([expect.objectContaining({ key: 'B', orders: 1 })]);
  });

  it("refuses another workspace's link and a viewer", async () => {
    await expect(
      analytics.rpc.send(
        ConversionSubjects.record,
        { linkId: link.id, orderId: 'X', amountMinor: 1, currency: 'USD' },
        member(),
      ),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      analytics.rpc.send(
        ConversionSubjects.record,
        { orderId: 'X', amountMinor: 1, currency: 'USD' },
        member(workspaceId, 'viewer'),
      ),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      analytics.rpc.send(
        ConversionSubjects.record,
        { orderId: 'X', amountMinor: -1, currency: 'USD' },
        owner,
      ),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('accepts postbacks with the current key only, converting major units, idempotently', async () => {
    const workspace = member(randomUUID(), 'admin');
    const { key, postbackUrl } = await analytics.rpc.send(
      ConversionSubjects.rotatePostbackKey,
      {},
      workspace,
    );
    expect(postbackUrl).toContain(`key=${key}`);
    const postback = { key, order_id: 'net-7', amount: 12.5, currency: 'JPY' };
    const stored = await analytics.rpc.send(ConversionSubjects.postback, postback, anonymous());
    expect(stored).toMatchObject({ source: 'postback', amountMinor: 13, currency: 'JPY' });
    await analytics.rpc.send(ConversionSubjects.postback, postback, anonymous());
    expect(await revenueOf(workspace)).toEqual([expect.objectContaining({ orders: 1, revenueMinor: 13 })]);

    await analytics.rpc.send(ConversionSubjects.rotatePostbackKey, {}, workspace);
    await expect(
      analytics.rpc.send(ConversionSubjects.postback, postback, anonymous()),
    ).rejects.toMatchObject({
      status: 401,
    });
    await expect(
      analytics.rpc.send(
        ConversionSubjects.rotatePostbackKey,
        {},
        member(workspace.principal.workspaceId, 'editor'),
      ),
    ).rejects.toMatchObject({ status: 403 });
  });

  describe('Shopify order webhooks', () => {
    const shop = member(randomUUID(), 'owner');
    const shopWorkspace = shop.principal.workspaceId;
    let shopLink: LinkView;
    const clickId = randomUUID();
    const order = {
      id: 820982911946154500,
      currency: 'usd',
      current_total_price: '49.90',
      financial_status: 'paid',
      created_at: '2026-11-20T10:00:00-05:00',
      note_attributes: [{ name: 'sc_cid', value: clickId }],
    };
    const deliver = (raw: Buffer, hmac: string, workspaceId = shopWorkspace, webhookId?: string) =>
      analytics.rpc.send(
        ConversionSubjects.shopifyOrder,
        { workspaceId, rawBodyBase64: raw.toString('base64'), hmacHeader: hmac, webhookId },
        anonymous(),
      );

    beforeAll(async () => {
      await analytics.rpc.send(ConversionSubjects.setShopifySecret, { secret: SHOPIFY_SECRET }, shop);
      shopLink = await analytics.rpc.send(
        LinkSubjects.create,
        { url: 'https://shop.example/', platform: 'tiktok' },
        shop,
      );
      await ingest(analytics.rpc, [clickOn(shopLink, shopWorkspace, { id: clickId })]);
    });

    it('records a correctly signed order, attributed by the click id in its note attributes, once', async () => {
      const { raw, hmac } = signed(order);
      expect(await deliver(raw, hmac)).toMatchObject({
        orderId: `shopify:${order.id}`,
        amountMinor: 4990,
        currency: 'USD',
        source: 'shopify',
        clickId,
        linkId: shopLink.id,
        platform: 'tiktok',
      });
      await deliver(raw, hmac);
      expect(await revenueOf(shop)).toEqual([expect.objectContaining({ orders: 1, revenueMinor: 4990 })]);
    });

    it('refuses a wrong secret, a tampered body and a malformed signature with 401', async () => {
      const { raw, hmac } = signed({ ...order, id: 1 }, 'another-secret');
      await expect(deliver(raw, hmac)).rejects.toMatchObject({ status: 401 });
      const genuine = signed({ ...order, id: 2 });
      const tampered = Buffer.from(genuine.raw.toString().replace('49.90', '0.01'));
      await expect(deliver(tampered, genuine.hmac)).rejects.toMatchObject({ status: 401 });
      await expect(deliver(genuine.raw, 'not-base64-at-all')).rejects.toMatchObject({ status: 401 });
      await expect(deliver(genuine.raw, genuine.hmac, randomUUID())).rejects.toMatchObject({ status: 404 });
    });

    it('reads a gzip-compressed body, and refuses one that expands beyond the largest Shopify body', async () => {
      const { raw, hmac } = signed({ ...order, id: 88 });
      const compressed = (body: Buffer) =>
        analytics.rpc.send(
          ConversionSubjects.shopifyOrder,
          {
            workspaceId: shopWorkspace,
            rawBodyBase64: gzipSync(body).toString('base64'),
            rawBodyEncoding: 'gzip',
            hmacHeader: hmac,
          },
          anonymous(),
        );
      expect(await compressed(raw)).toMatchObject({ orderId: 'shopify:88', amountMinor: 4990 });
      const bomb = Buffer.alloc(SHOPIFY_WEBHOOK_MAX_BYTES + 1, 0x20);
      await expect(compressed(bomb)).rejects.toMatchObject({ status: 400 });
      const cancelled = signed({ ...order, id: 88, cancelled_at: '2026-11-21T10:00:00Z' });
      await deliver(cancelled.raw, cancelled.hmac);
    });

    it('removes the revenue of a cancelled order', async () => {
      const { raw, hmac } = signed({
        ...order,
        cancelled_at: '2026-11-21T10:00:00Z',
        financial_status: 'refunded',
      });
      expect(await deliver(raw, hmac)).toMatchObject({ status: 'cancelled', revenueMinor: 0 });
      expect(await revenueOf(shop)).toEqual([]);
    });

    it('acknowledges a delivery seen before without applying it again, per workspace', async () => {
      const paid = signed({ ...order, id: 77 });
      const paidDelivery = randomUUID();
      expect(await deliver(paid.raw, paid.hmac, shopWorkspace, paidDelivery)).toMatchObject({
        status: 'approved',
      });
      const cancelled = signed({ ...order, id: 77, cancelled_at: '2026-11-21T10:00:00Z' });
      await deliver(cancelled.raw, cancelled.hmac, shopWorkspace, randomUUID());
      // Replaying the earlier "paid" delivery would bring the cancelled revenue back.
      expect(await deliver(paid.raw, paid.hmac, shopWorkspace, paidDelivery)).toEqual({
        ignored: 'delivery already received',
      });
      expect(await revenueOf(shop)).toEqual([]);

      const other = member(randomUUID(), 'owner');
      await analytics.rpc.send(ConversionSubjects.setShopifySecret, { secret: SHOPIFY_SECRET }, other);
      await deliver(paid.raw, paid.hmac, other.principal.workspaceId, paidDelivery);
      expect(await revenueOf(other)).toEqual([expect.objectContaining({ orders: 1, revenueMinor: 4990 })]);
    });
  });
});
