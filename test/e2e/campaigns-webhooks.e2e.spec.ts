import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Validator } from '@seriousme/openapi-schema-validator';
import { WebhookReceiver } from '../fakes/webhook-receiver/webhook-receiver.js';
import { ApiClient, registerUser, type Session } from './api-client.js';
import { pollUntil } from '../support/polling.js';
import { type RunningSystem, startStandalone, SYSTEM_STOP_TIMEOUT, tempDataDir } from './system.js';

interface Delivery {
  eventId: string;
  event: string;
  attempt: number;
  status: string;
  responseStatus: number | null;
}
interface Hook {
  id: string;
  payload: { type: string; data: Record<string, unknown> };
}

interface Target {
  connectionId: string;
  text: string;
  variant: string | null;
  status: string;
  publishedAt: string | null;
}
interface Post {
  id: string;
  productId: string | null;
  scheduledAt: string;
  targets: Target[];
}

// Campaign slots and signed outbound webhooks end to end: standalone Shopcast, a Standard Webhooks receiver.
let system: RunningSystem;
let api: ApiClient;
let dataDir: string;
let receiver: WebhookReceiver;
let alice: Session;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const EVERY_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Tokyo keeps no DST: 09:00 and 21:00 there are 00:00 and 12:00 UTC. */
function tokyoSlotsAfter(now: number, count: number): string[] {
  const first = Math.ceil((now + 1) / (12 * HOUR)) * 12 * HOUR;
  return Array.from({ length: count }, (_, index) => new Date(first + index * 12 * HOUR).toISOString());
}

function hooksOf(type: string): Hook[] {
  return (receiver.accepted as Hook[]).filter((hook) => hook.payload.type === type);
}

const register = (label: string): Promise<Session> => registerUser(api, label);

/** `count` UTC times of day (HH:MM), one a minute, from the first whole minute at least `leadMs` away. */
function minuteTimes(leadMs: number, count: number): { times: string[]; first: number } {
  const first = Math.ceil((Date.now() + leadMs) / MINUTE) * MINUTE;
  const times = Array.from({ length: count }, (_, index) =>
    new Date(first + index * MINUTE).toISOString().slice(11, 16),
  );
  return { times, first };
}

const postsOf = async (campaignId: string, token: string, query = ''): Promise<Post[]> =>
  (await api.get<Post[]>(`/api/v1/posts?campaignId=${campaignId}&limit=100${query}`, token)).body;

beforeAll(async () => {
  receiver = new WebhookReceiver();
  await receiver.start();
  dataDir = await tempDataDir();
  system = await startStandalone(dataDir, {
    SHOPCAST_ALLOW_PRIVATE_URLS: 'true',
    WEBHOOK_RETRY_BASE_SEC: '1',
  });
  api = new ApiClient(system.baseUrl);
  alice = await register('Alice');
}, 240_000);

afterAll(async () => {
  await system?.stop();
  await receiver?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, SYSTEM_STOP_TIMEOUT);

describe('campaigns and outbound webhooks', () => {
  it('puts campaign posts in free slots and delivers their events signed to the subscribed URL', async () => {
    const webhook = await api.post<{ id: string; signingSecret: string }>(
      '/api/v1/webhooks',
      { url: receiver.url, events: ['platform.post.scheduled', 'platform.connection.created'] },
      alice.token,
    );
    expect(webhook.status).toBe(201);
    expect(webhook.body.signingSecret).toMatch(/^whsec_/);
    receiver.useSecret(webhook.body.signingSecret);
    const listed = await api.get<Array<Record<string, unknown>>>('/api/v1/webhooks', alice.token);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0].signingSecret).toBeUndefined();

    const connection = await api.post<{ id: string }>(
      '/api/v1/connections',
      { platform: 'manual', name: 'Market stall' },
      alice.token,
    );
    expect(connection.status).toBe(201);
    const startedAt = Date.now();
    const campaign = await api.post<{ id: string; nextFreeSlotAt: string }>(
      '/api/v1/campaigns',
      {
        name: 'Lamps',
        tags: ['home'],
        connectionIds: [connection.body.id],
        schedule: {
          timezone: 'Asia/Tokyo',
          days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
          times: ['09:00', '21:00'],
        },
      },
      alice.token,
    );
    expect(campaign.status).toBe(201);
    const slots = tokyoSlotsAfter(startedAt, 2);
    expect(campaign.body.nextFreeSlotAt).toBe(slots[0]);

    const posts: Array<{ id: string; scheduledAt: string }> = [];
    for (const text of ['First lamp', 'Second lamp']) {
      const post = await api.post<{ id: string; scheduledAt: string }>(
        '/api/v1/posts',
        { campaignId: campaign.body.id, targets: [{ connectionId: connection.body.id, text }] },
        alice.token,
      );
      expect(post.status).toBe(201);
      posts.push(post.body);
    }
    expect(posts.map((post) => post.scheduledAt)).toEqual(slots);
    const inCampaign = await api.get<Array<{ id: string }>>(
      `/api/v1/posts?campaignId=${campaign.body.id}`,
      alice.token,
    );
    expect(inCampaign.body.map((post) => post.id).sort()).toEqual(posts.map((post) => post.id).sort());

    await pollUntil(
      async () => hooksOf('platform.post.scheduled'),
      (hooks) => hooks.length === 2,
      'two post.scheduled webhooks',
    );
    expect(
      hooksOf('platform.post.scheduled')
        .map((hook) => hook.payload.data.postId)
        .sort(),
    ).toEqual(posts.map((post) => post.id).sort());
    expect(hooksOf('platform.connection.created')[0].payload.data).toMatchObject({
      connectionId: connection.body.id,
    });
    expect(receiver.refused).toEqual([]);

    const deliveries = await api.get<Delivery[]>(
      `/api/v1/webhooks/${webhook.body.id}/deliveries`,
      alice.token,
    );
    expect(deliveries.status).toBe(200);
    expect(deliveries.body).toHaveLength(3);
    expect(deliveries.body.every((row) => row.status === 'delivered' && row.responseStatus === 200)).toBe(
      true,
    );

    const bob = await register('Bob');
    expect((await api.get(`/api/v1/campaigns/${campaign.body.id}`, bob.token)).status).toBe(404);
    expect((await api.delete(`/api/v1/campaigns/${campaign.body.id}`, bob.token)).status).toBe(404);
    expect((await api.get(`/api/v1/webhooks/${webhook.body.id}/deliveries`, bob.token)).status).toBe(404);
    expect((await api.delete(`/api/v1/webhooks/${webhook.body.id}`, bob.token)).status).toBe(404);
    const badZone = await api.post(
      '/api/v1/campaigns',
      {
        name: 'x',
        connectionIds: [connection.body.id],
        schedule: { timezone: 'Nowhere/City', days: ['mon'], times: ['09:00'] },
      },
      alice.token,
    );
    expect(badZone.status).toBe(400);

    expect((await api.delete(`/api/v1/campaigns/${campaign.body.id}`, alice.token)).status).toBe(204);
    expect((await api.get(`/api/v1/campaigns/${campaign.body.id}`, alice.token)).status).toBe(404);
    const removed = await api.delete(`/api/v1/webhooks/${webhook.body.id}`, alice.token);
    expect({ status: removed.status, body: removed.body }).toEqual({ status: 204, body: '' });
    const left = await api.get<Array<{ id: string }>>('/api/v1/webhooks', alice.token);
    expect(left.body.map((hook) => hook.id)).not.toContain(webhook.body.id);
  }, 120_000);

  it('pausing holds the slots, listed as paused; resuming plans them again from now, and they publish', async () => {
    const hooks = new WebhookReceiver();
    await hooks.start();
    try {
      const hook = await api.post<{ id: string; signingSecret: string }>(
        '/api/v1/connections',
        { platform: 'webhook', name: 'Zapier', config: { url: hooks.url } },
        alice.token,
      );
      hooks.useSecret(hook.body.signingSecret);
      const stall = await api.post<{ id: string }>(
        '/api/v1/connections',
        { platform: 'manual', name: 'Stall' },
        alice.token,
      );
      const { times, first } = minuteTimes(15_000, 20);
      const campaign = await api.post<{ id: string }>(
        '/api/v1/campaigns',
        {
          name: 'Minute by minute',
          connectionIds: [hook.body.id, stall.body.id],
          schedule: { timezone: 'UTC', days: EVERY_DAY, times },
        },
        alice.token,
      );
      const added: Post[] = [];
      for (const connectionId of [hook.body.id, stall.body.id]) {
        const post = await api.post<Post>(
          '/api/v1/posts',
          { campaignId: campaign.body.id, targets: [{ connectionId, text: `Lamp on ${connectionId}` }] },
          alice.token,
        );
        added.push(post.body);
      }
      expect(added.map((post) => post.scheduledAt)).toEqual(
        [first, first].map((at) => new Date(at).toISOString()),
      );

      const paused = await api.post<{ status: string }>(
        `/api/v1/campaigns/${campaign.body.id}/pause`,
        {},
        alice.token,
      );
      expect({ status: paused.status, campaign: paused.body.status }).toEqual({
        status: 200,
        campaign: 'paused',
      });
      const again = await api.post<{ message: string }>(
        `/api/v1/campaigns/${campaign.body.id}/pause`,
        {},
        alice.token,
      );
      expect({ status: again.status, message: again.body.message }).toEqual({
        status: 409,
        message: 'The campaign "Minute by minute" is already paused',
      });
      const held = await postsOf(campaign.body.id, alice.token, '&status=paused');
      expect(held.map((post) => post.id).sort()).toEqual(added.map((post) => post.id).sort());
      expect(held.every((post) => post.targets[0].status === 'paused')).toBe(true);
      const bob = await register('bob-pauser');
      expect((await api.post(`/api/v1/campaigns/${campaign.body.id}/resume`, {}, bob.token)).status).toBe(
        404,
      );

      // Their slot passes while the campaign is paused.
      await pollUntil(
        async () => Date.now(),
        (now) => now > first + 1000,
        'the first slot passing',
        90_000,
      );
      const resumedAt = Date.now();
      const resumed = await api.post<{ status: string }>(
        `/api/v1/campaigns/${campaign.body.id}/resume`,
        {},
        alice.token,
      );
      expect({ status: resumed.status, campaign: resumed.body.status }).toEqual({
        status: 200,
        campaign: 'active',
      });
      const replanned = await postsOf(campaign.body.id, alice.token);
      const next = new Date(Math.ceil((resumedAt + 1) / MINUTE) * MINUTE).toISOString();
      expect(replanned.map((post) => [post.scheduledAt, post.targets[0].status])).toEqual([
        [next, 'scheduled'],
        [next, 'scheduled'],
      ]);

      const [published] = await pollUntil(
        () => postsOf(campaign.body.id, alice.token, '&status=published'),
        (posts) => posts.length === 1,
        'the resumed webhook post published',
        150_000,
      );
      expect(published.targets[0].connectionId).toBe(hook.body.id);
      expect(Date.parse(published.targets[0].publishedAt as string)).toBeGreaterThanOrEqual(Date.parse(next));
      expect(hooks.accepted).toHaveLength(1);
      expect(hooks.refused).toEqual([]);
    } finally {
      await hooks.stop();
    }
  }, 300_000);

  it('a campaign with a bank of templates and products fills its slots by rotation', async () => {
    const product = async (title: string, priceMinor: number) =>
      (
        await api.post<{ id: string }>(
          '/api/v1/products',
          {
            title,
            priceMinor,
            currency: 'EUR',
            destinationUrl: `https://shop.example/${title.toLowerCase()}`,
          },
          alice.token,
        )
      ).body.id;
    const [lamp, mug] = [await product('Lamp', 1990), await product('Mug', 900)];
    const stall = await api.post<{ id: string }>(
      '/api/v1/connections',
      { platform: 'manual', name: 'Bank stall' },
      alice.token,
    );
    const body = {
      name: 'Kitchen and desk',
      connectionIds: [stall.body.id],
      schedule: { timezone: 'Asia/Tokyo', days: EVERY_DAY, times: ['09:00', '21:00'] },
      templates: [
        { variant: 'deal', text: '{title}, only {price}' },
        { variant: 'story', text: 'Why we love the {title}: {link}' },
      ],
      productIds: [lamp, mug],
      fillAheadDays: 2,
      minGapHours: 12,
    };
    const unknown = await api.post<{ message: string }>(
      '/api/v1/campaigns',
      { ...body, templates: [{ variant: 'x', text: 'Only {colour}' }] },
      alice.token,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/\{colour\}/);
    const startedAt = Date.now();
    const campaign = await api.post<{ id: string; templates: unknown[] }>(
      '/api/v1/campaigns',
      body,
      alice.token,
    );
    expect(campaign.status).toBe(201);
    expect(campaign.body.templates).toEqual(body.templates);

    const posts = await pollUntil(
      () => postsOf(campaign.body.id, alice.token),
      (list) => list.length === 4,
      'the bank filling two days of slots',
    );
    const filled = [...posts].sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
    expect(filled.map((post) => post.scheduledAt)).toEqual(tokyoSlotsAfter(startedAt, 4));
    expect(filled.map((post) => post.productId)).toEqual([lamp, mug, lamp, mug]);
    expect(filled.map((post) => [post.targets[0].variant, post.targets[0].text])).toEqual([
      ['deal', 'Lamp, only €19.90'],
      ['story', 'Why we love the Mug: https://shop.example/mug'],
      ['story', 'Why we love the Lamp: https://shop.example/lamp'],
      ['deal', 'Mug, only €9.00'],
    ]);
    const view = await api.get<{ filledUntil: string | null }>(
      `/api/v1/campaigns/${campaign.body.id}`,
      alice.token,
    );
    expect(view.body.filledUntil).not.toBeNull();
  }, 120_000);

  it('documents the campaign and webhook routes in a valid OpenAPI document', async () => {
    const response = await api.get<Record<string, unknown>>('/docs-json');
    const validation = await new Validator().validate(response.body);
    expect(validation.errors).toBeUndefined();
    const paths = response.body.paths as Record<string, Record<string, unknown>>;
    const routes = Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'post /api/v1/campaigns',
        'get /api/v1/campaigns',
        'get /api/v1/campaigns/{id}',
        'patch /api/v1/campaigns/{id}',
        'delete /api/v1/campaigns/{id}',
        'post /api/v1/campaigns/{id}/pause',
        'post /api/v1/campaigns/{id}/resume',
        'post /api/v1/campaigns/{id}/complete',
        'post /api/v1/webhooks',
        'get /api/v1/webhooks',
        'delete /api/v1/webhooks/{id}',
        'get /api/v1/webhooks/{id}/deliveries',
      ]),
    );
  });
});
