import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClient, registerUser, type Session } from './api-client.js';
import { pollUntil } from '../support/polling.js';
import { type RunningSystem, startStandalone, SYSTEM_STOP_TIMEOUT, tempDataDir } from './system.js';

interface Run {
  productId: string;
  productTitle: string | null;
  outcome: string;
  reason: string | null;
  postId: string | null;
  scheduledAt: string | null;
  looks: number;
}

// Autopilot end to end over HTTP: standalone Shopcast, a rule, and products arriving by catalog import.
let system: RunningSystem;
let api: ApiClient;
let dataDir: string;
let owner: Session;

beforeAll(async () => {
  dataDir = await tempDataDir();
  system = await startStandalone(dataDir);
  api = new ApiClient(system.baseUrl);
  owner = await registerUser(api, 'Autopilot');
}, 240_000);

afterAll(async () => {
  await system?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, SYSTEM_STOP_TIMEOUT);

async function runsOf(ruleId: string): Promise<Run[]> {
  const response = await api.get<{ items: Run[] }>(`/api/v1/autopilot/rules/${ruleId}/runs`, owner.token);
  expect(response.status).toBe(200);
  return response.body.items;
}

/** A catalog row as a feed has it: prices in the main unit, tags comma-separated, an 8 % commission. */
const row = (sku: string, title: string, price: string, tags: string) => ({
  sku,
  title,
  price,
  currency: 'USD',
  tags,
  commission: '8',
});

/** Imports through the products import API (a JSON body, imported within the request). */
const importRows = (...products: Array<ReturnType<typeof row>>) =>
  api.post<{ created: number; updated: number }>('/api/v1/products/import', { products }, owner.token);

describe('autopilot rules', () => {
  it('schedules a newly imported matching product once and says why it skipped one that does not match', async () => {
    const connection = await api.post<{ id: string }>(
      '/api/v1/connections',
      { platform: 'manual', name: 'Market stall' },
      owner.token,
    );
    const campaign = await api.post<{ id: string; nextFreeSlotAt: string }>(
      '/api/v1/campaigns',
      {
        name: 'New arrivals',
        connectionIds: [connection.body.id],
        schedule: {
          timezone: 'Asia/Tokyo',
          days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
          times: ['09:00'],
        },
      },
      owner.token,
    );
    expect(campaign.status).toBe(201);

    const refused = await api.post(
      '/api/v1/autopilot/rules',
      {
        name: 'Bad band',
        connectionIds: [connection.body.id],
        campaignId: campaign.body.id,
        filter: { minPriceMinor: 9, maxPriceMinor: 1 },
      },
      owner.token,
    );
    expect(refused.status).toBe(400);
    const created = await api.post<{ id: string; enabled: boolean }>(
      '/api/v1/autopilot/rules',
      {
        name: 'Summer over 20',
        connectionIds: [connection.body.id],
        campaignId: campaign.body.id,
        filter: { tags: ['summer'], minPriceMinor: 2000, minCommissionRate: 5 },
        copy: { tone: 'excited' },
      },
      owner.token,
    );
    expect(created.status).toBe(201);
    const ruleId = created.body.id;

    const imported = await importRows(
      row('HAT-1', 'Straw hat', '24.00', 'summer,hats'),
      row('MUG-1', 'Winter mug', '12.00', 'winter'),
    );
    expect(imported).toMatchObject({ status: 201, body: { created: 2 } });

    const runs = await pollUntil(
      () => runsOf(ruleId),
      (items) => items.length === 2,
      'both imported products looked at',
    );
    const hat = runs.find((run) => run.productTitle === 'Straw hat') as Run;
    const mug = runs.find((run) => run.productTitle === 'Winter mug') as Run;
    expect(hat).toMatchObject({
      outcome: 'scheduled',
      reason: null,
      scheduledAt: campaign.body.nextFreeSlotAt,
    });
    expect(mug).toMatchObject({
      outcome: 'not_matched',
      reason: 'it has none of the tags summer',
      postId: null,
    });

    const post = await api.get<{
      productId: string;
      campaignId: string;
      status: string;
      targets: Array<{ text: string }>;
    }>(`/api/v1/posts/${hat.postId}`, owner.token);
    expect(post.body).toMatchObject({
      productId: hat.productId,
      campaignId: campaign.body.id,
      status: 'scheduled',
    });
    expect(post.body.targets[0].text).toContain('Straw hat');

    // Importing the same catalog again (a changed price counts as an update) posts nothing more.
    const again = await importRows(row('HAT-1', 'Straw hat', '25.00', 'summer,hats'));
    expect(again).toMatchObject({ status: 201, body: { updated: 1 } });
    // The rule looks at the product again and counts the look; it does not post it again.
    const looked = await pollUntil(
      () => runsOf(ruleId),
      (items) => items.some((run) => run.productId === hat.productId && run.looks === 2),
      'the second look at the re-imported product',
    );
    expect(looked.find((run) => run.productId === hat.productId)).toMatchObject({
      outcome: 'scheduled',
      postId: hat.postId,
    });
    const rule = await api.get<{ counts: Record<string, number> }>(
      `/api/v1/autopilot/rules/${ruleId}`,
      owner.token,
    );
    expect(rule.body.counts).toMatchObject({ matched: 1, scheduled: 1, skipped: 0, notMatched: 1 });
    const posts = await api.get<Array<{ productId: string }>>(
      `/api/v1/posts?campaignId=${campaign.body.id}`,
      owner.token,
    );
    expect(posts.body.filter((item) => item.productId === hat.productId)).toHaveLength(1);

    const paused = await api.patch<{ enabled: boolean }>(
      `/api/v1/autopilot/rules/${ruleId}`,
      { enabled: false },
      owner.token,
    );
    expect(paused).toMatchObject({ status: 200, body: { enabled: false } });
    const stranger = await registerUser(api, 'Stranger');
    expect((await api.get(`/api/v1/autopilot/rules/${ruleId}/runs`, stranger.token)).status).toBe(404);
    expect((await api.delete(`/api/v1/autopilot/rules/${ruleId}`, owner.token)).status).toBe(204);
  });
});
