// Shopify order webhooks through the gateway: a delivery replayed with its X-Shopify-Webhook-Id is acknowledged
// and not applied again, and bodies larger than the gateway's default limit (large orders) are accepted.
import { createHmac, randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import { SHOPIFY_WEBHOOK_MAX_BYTES } from '@app/contracts';
import { STRONG_PASSWORD, uniqueEmail } from '../e2e/api-client.js';
import { randomClientIp, send, useGatewaysOnBus } from './gateway-on-bus.js';

const SECRET = 'shpss_security_secret';

describe('Shopify order webhooks through the gateway', () => {
  const system = useGatewaysOnBus({ count: 1, env: {}, prefix: 'security_shopify', withAnalytics: true });
  const fastify = () => system().gateways[0].getHttpAdapter().getInstance() as FastifyInstance;

  async function seller(): Promise<{ token: string; workspaceId: string }> {
    const registered = await send(system().gateways[0], 'POST', '/api/v1/auth/register', {
      ip: randomClientIp(),
      body: { email: uniqueEmail('shopify'), password: STRONG_PASSWORD, name: 'Shop' },
    });
    expect(registered.statusCode).toBe(201);
    const body = registered.json<{ accessToken: string; workspace: { id: string } }>();
    const secret = await fastify().inject({
      method: 'PUT',
      url: '/api/v1/conversions/shopify-secret',
      headers: { authorization: `Bearer ${body.accessToken}` },
      payload: { secret: SECRET },
    });
    expect(secret.statusCode).toBe(200);
    return { token: body.accessToken, workspaceId: body.workspace.id };
  }

  const deliver = (workspaceId: string, body: string, webhookId: string) =>
    fastify().inject({
      method: 'POST',
      url: `/api/v1/webhooks/shopify/${workspaceId}`,
      remoteAddress: randomClientIp(),
      headers: {
        'content-type': 'application/json',
        'x-shopify-hmac-sha256': createHmac('sha256', SECRET).update(body).digest('base64'),
        'x-shopify-webhook-id': webhookId,
      },
      payload: body,
    });

  const revenue = async (token: string) =>
    (
      await send(system().gateways[0], 'GET', '/api/v1/analytics/summary', { ip: randomClientIp(), token })
    ).json<{ orders: number; revenue: Array<{ revenueMinor: number }> }>();

  it('acknowledges a replayed delivery with 200 and applies it once', async () => {
    const shop = await seller();
    const order = { id: 5001, currency: 'USD', current_total_price: '30.00', financial_status: 'paid' };
    const paid = JSON.stringify(order);
    const paidDelivery = randomUUID();
    expect((await deliver(shop.workspaceId, paid, paidDelivery)).statusCode).toBe(200);
    const cancelled = JSON.stringify({ ...order, cancelled_at: '2026-11-21T10:00:00Z' });
    expect((await deliver(shop.workspaceId, cancelled, randomUUID())).statusCode).toBe(200);
    // The replay of the earlier "paid" delivery must not bring the cancelled revenue back.
    expect((await deliver(shop.workspaceId, paid, paidDelivery)).statusCode).toBe(200);
    expect((await revenue(shop.token)).revenue).toEqual([]);
  });

  it('accepts a signed order body of several megabytes, and refuses one above the limit with 413', async () => {
    const shop = await seller();
    const lineItems = Array.from({ length: 12_000 }, (_, index) => ({
      id: index,
      title: `Hand-thrown stoneware mug, glaze ${index}`,
      properties: [{ name: 'engraving', value: `For customer ${index}: ${randomUUID()}` }],
      quantity: 1,
    }));
    const large = JSON.stringify({
      id: 5002,
      currency: 'USD',
      current_total_price: '12.00',
      financial_status: 'paid',
      line_items: lineItems,
    });
    expect(large.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(large.length).toBeLessThan(SHOPIFY_WEBHOOK_MAX_BYTES);
    const accepted = await deliver(shop.workspaceId, large, randomUUID());
    expect(accepted.statusCode).toBe(200);
    expect(await revenue(shop.token)).toMatchObject({ orders: 1, revenue: [{ revenueMinor: 1200 }] });

    const tooLarge = JSON.stringify({ id: 5003, padding: 'x'.repeat(SHOPIFY_WEBHOOK_MAX_BYTES) });
    expect((await deliver(shop.workspaceId, tooLarge, randomUUID())).statusCode).toBe(413);
  });
});
