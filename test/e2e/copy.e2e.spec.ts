import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { rm } from 'node:fs/promises';
import { checkPost, extractHashtags, type Platform, rulesFor } from '@app/platform-rules';
import { type ChatRequest, type FakeOpenAi, startFakeOpenAi } from '../fakes/openai/fake-openai.server.js';
import { ApiClient, registerUser, type Session } from './api-client.js';
import { joinWorkspace } from './team.js';
import { type RunningSystem, startStandalone, SYSTEM_STOP_TIMEOUT, tempDataDir } from './system.js';

// Copy generation end to end: standalone Shopcast with its model endpoint pointed at a local fake.
interface CopyItem {
  platform: Platform;
  variant: number;
  title?: string;
  text: string;
  hashtags: string[];
  altText?: string;
  tags?: string[];
  warnings: string[];
  metrics: { length: number; limit: number; hashtagCount: number };
  source: 'ai' | 'template';
  isEdited: boolean;
}
interface CopySet {
  id: string;
  productId: string;
  version: number;
  items: CopyItem[];
  usage: { promptTokens: number; completionTokens: number } | null;
}

const MODEL = 'e2e-model';
const API_KEY = 'sk-e2e-secret';
const AFFILIATE_PRODUCT = {
  title: 'Hand-thrown stoneware mug 日本製',
  description:
    'A 350 ml mug, glazed by hand in small batches ☕. Dishwasher safe. مصنوع يدويا. ' +
    'Supercalifragilisticexpialidociouslyglazedandfiredtwiceforstrength! More at https://example.com/story',
  priceMinor: 2800,
  currency: 'USD',
  commissionRate: 12.5,
  category: 'Kitchen & Dining',
  tags: ['mug', 'stoneware', 'handmade gift', 'coffee lover'],
  destinationUrl: 'https://shop.example.com/mug?ref=aff42',
};
const TEMPLATE_PLATFORMS: Platform[] = [
  'x',
  'instagram',
  'bluesky',
  'threads',
  'pinterest',
  'youtube',
  'etsy',
  'tiktok',
];

let fake: FakeOpenAi;
let system: RunningSystem | undefined;
let dataDir: string | undefined;
let api: ApiClient;

const register = (label: string): Promise<Session> => registerUser(api, label);

beforeAll(async () => {
  fake = await startFakeOpenAi({ model: MODEL, apiKey: API_KEY });
  dataDir = await tempDataDir();
  system = await startStandalone(dataDir, {
    OPENAI_BASE_URL: fake.baseUrl,
    OPENAI_API_KEY: API_KEY,
    OPENAI_MODEL: MODEL,
    OPENAI_ORGANIZATION: 'org-e2e',
    AI_TIMEOUT_MS: '1500',
    AI_MAX_RETRIES: '1',
    RPC_TIMEOUT_MS: '15000',
    COPY_SEASONAL_HASHTAGS: 'Holiday Gifts',
  });
  api = new ApiClient(system.baseUrl);
}, 240_000);

beforeEach(() => fake.clearQueue());

afterAll(async () => {
  await system?.stop();
  await fake?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, SYSTEM_STOP_TIMEOUT);

async function createProduct(session: Session, values: object = AFFILIATE_PRODUCT): Promise<string> {
  const response = await api.post('/api/v1/products', values, session.token);
  expect(response.status).toBe(201);
  return String(response.body.id);
}

async function generate(session: Session, productId: string, body: object) {
  return api.post<CopySet>(`/api/v1/products/${productId}/copy`, body, session.token);
}

/** A valid structured answer for the platforms the request's schema lists. */
function aiAnswer(variants: number) {
  return (request: ChatRequest) => {
    const schema = request.body.response_format.json_schema.schema as {
      properties: { items: { items: { properties: { platform: { enum: Platform[] } } } } };
    };
    const platforms = schema.properties.items.items.properties.platform.enum;
    return {
      items: platforms.flatMap((platform) =>
        Array.from({ length: variants }, (_, index) => ({
          platform,
          variant: index + 1,
          title: 'Stoneware mug, made by hand',
          text: `AI variant ${index + 1}: a hand-thrown mug for slow mornings #coffee`,
          hashtags: ['stoneware', 'Hand Made', 'mug'],
          altText: 'A grey stoneware mug on a wooden table',
          tags: ['stoneware mug', 'handmade'],
        })),
      ),
    };
  };
}

/** Every item passes the platform's rules as the preview endpoint checks them, with the disclosure kept. */
async function expectPostable(
  session: Session,
  items: CopyItem[],
  disclosureOf: (platform: Platform) => string,
) {
  for (const item of items) {
    const disclosure = disclosureOf(item.platform);
    expect({ platform: item.platform, hasDisclosure: item.text.includes(disclosure) }).toEqual({
      platform: item.platform,
      hasDisclosure: true,
    });
    const local = checkPost(
      { text: item.text, title: item.title, altText: item.altText, tags: item.tags },
      rulesFor(item.platform),
    );
    expect({ platform: item.platform, violations: local.violations }).toEqual({
      platform: item.platform,
      violations: [],
    });
    expect(item.metrics.length).toBeLessThanOrEqual(item.metrics.limit);
    const preview = await api.post<{ violations: unknown[] }>(
      '/api/v1/copy/preview',
      { platform: item.platform, text: item.text, ...(item.title && { title: item.title }) },
      session.token,
    );
    expect(preview.status).toBe(200);
    expect({ platform: item.platform, violations: preview.body.violations }).toEqual({
      platform: item.platform,
      violations: [],
    });
  }
}

const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []);

describe('copy generation, standalone', () => {
  it('writes deterministic template copy for every platform within its rules, disclosure included', async () => {
    const owner = await register('Copywriter');
    const productId = await createProduct(owner);
    const request = {
      platforms: TEMPLATE_PLATFORMS,
      variants: 3,
      tone: 'excited',
      mode: 'template',
      seed: 42,
    };
    const first = await generate(owner, productId, request);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ productId, version: 1, usage: null });
    expect(first.body.items).toHaveLength(TEMPLATE_PLATFORMS.length * 3);
    expect(new Set(first.body.items.map((item) => item.source))).toEqual(new Set(['template']));
    // Etsy has no hashtags, so the default `#ad` is written `Ad` there.
    await expectPostable(owner, first.body.items, (platform) => (platform === 'etsy' ? 'Ad' : '#ad'));

    const pinterest = first.body.items.find((item) => item.platform === 'pinterest')!;
    expect(pinterest.title).toBeTruthy();
    expect(pinterest.altText).toBeTruthy();
    const etsy = first.body.items.find((item) => item.platform === 'etsy')!;
    expect(etsy.tags!.length).toBeGreaterThan(0);
    const instagram = first.body.items.filter((item) => item.platform === 'instagram');
    for (const item of instagram) {
      expect(extractHashtags(item.text).length).toBeLessThanOrEqual(30);
      for (const tag of item.hashtags) expect(tag).toMatch(/^[\p{L}\p{M}\p{N}_]+$/u);
    }

    // Variants differ in more than a word.
    const xTexts = first.body.items.filter((item) => item.platform === 'x').map((item) => item.text);
    expect(new Set(xTexts).size).toBe(3);
    const [a, b] = [words(xTexts[0]!), words(xTexts[1]!)];
    const differing =
      [...a].filter((word) => !b.has(word)).length + [...b].filter((word) => !a.has(word)).length;
    expect(differing).toBeGreaterThanOrEqual(3);

    // Same input and seed: the same copy, stored as the next version.
    const second = await generate(owner, productId, request);
    expect(second.status).toBe(201);
    expect(second.body.version).toBe(2);
    expect(second.body.items.map((item) => item.text)).toEqual(first.body.items.map((item) => item.text));

    const listed = await api.get<{ items: CopySet[] }>(`/api/v1/products/${productId}/copy`, owner.token);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((set) => set.version)).toEqual([2, 1]);
    const fetched = await api.get<CopySet>(`/api/v1/copy/${first.body.id}`, owner.token);
    expect(fetched.body).toEqual(first.body);
  });

  it('re-validates edits and refuses one that breaks a rule, naming it', async () => {
    const owner = await register('Editor');
    const productId = await createProduct(owner);
    const set = (await generate(owner, productId, { platforms: ['x', 'bluesky'], mode: 'template' })).body;

    const edited = await api.patch<CopySet>(
      `/api/v1/copy/${set.id}`,
      { items: [{ platform: 'x', variant: 1, text: 'My own words about this mug 👍 #ad' }] },
      owner.token,
    );
    expect(edited.status).toBe(200);
    const item = edited.body.items.find((entry) => entry.platform === 'x')!;
    expect(item).toMatchObject({ text: 'My own words about this mug 👍 #ad', isEdited: true });
    expect(item.metrics.length).toBe(34);

    const tooLong = await api.patch(
      `/api/v1/copy/${set.id}`,
      { items: [{ platform: 'bluesky', variant: 1, text: `${'🙂'.repeat(300)} #ad` }] },
      owner.token,
    );
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body)).toContain('bluesky.text.max');

    const withoutDisclosure = await api.patch(
      `/api/v1/copy/${set.id}`,
      { items: [{ platform: 'x', variant: 1, text: 'No disclosure here' }] },
      owner.token,
    );
    expect(withoutDisclosure.status).toBe(400);
    expect(JSON.stringify(withoutDisclosure.body)).toContain('disclosure');
    expect((await api.get<CopySet>(`/api/v1/copy/${set.id}`, owner.token)).body).toEqual(edited.body);
  });

  it('previews text as the platform counts it, a link at its tracked length', async () => {
    const owner = await register('Previewer');
    const text = `${'日'.repeat(100)} 👍🏽`;
    const link = `https://shop.example.com/${'very-long-path/'.repeat(10)}`;
    const preview = await api.post<{
      text: string;
      metrics: { length: number; limit: number };
      violations: unknown[];
    }>('/api/v1/copy/preview', { platform: 'x', text, link }, owner.token);
    expect(preview.status).toBe(200);
    expect(preview.body.text).toContain(text);
    // 200 for the CJK, 1 space, 2 for the emoji, 23 for the link, plus what joins them.
    expect(preview.body.metrics.length).toBeGreaterThanOrEqual(226);
    expect(preview.body.metrics.length).toBeLessThanOrEqual(230);
    expect(preview.body.violations).toEqual([]);

    const over = await api.post<{ violations: Array<{ rule: string }> }>(
      '/api/v1/copy/preview',
      { platform: 'bluesky', text: '👨‍👩‍👧‍👦'.repeat(301) },
      owner.token,
    );
    expect(over.body.violations.map((violation) => violation.rule)).toEqual(['bluesky.text.max']);
    expect(
      (await api.post('/api/v1/copy/preview', { platform: 'myspace', text: 'hi' }, owner.token)).status,
    ).toBe(400);
  });

  it('uses the workspace disclosure settings per platform', async () => {
    const owner = await register('Discloser');
    const defaults = await api.get('/api/v1/copy/settings', owner.token);
    expect(defaults.status).toBe(200);
    const saved = await api.request('PUT', '/api/v1/copy/settings', {
      token: owner.token,
      body: {
        defaultDisclosure: 'Affiliate link',
        platformDisclosures: [{ platform: 'x', disclosure: '#ad #affiliate' }],
      },
    });
    expect(saved.status).toBe(200);
    expect((await api.get('/api/v1/copy/settings', owner.token)).body).toMatchObject({
      defaultDisclosure: 'Affiliate link',
      platformDisclosures: [{ platform: 'x', disclosure: '#ad #affiliate' }],
    });
    const productId = await createProduct(owner);
    const set = await generate(owner, productId, { platforms: ['x', 'facebook', 'etsy'], mode: 'template' });
    expect(set.status).toBe(201);
    await expectPostable(owner, set.body.items, (platform) =>
      platform === 'x' ? '#ad #affiliate' : 'Affiliate link',
    );

    const plain = await createProduct(owner, { title: 'Plain candle' });
    const plainSet = await generate(owner, plain, { platforms: ['x'], mode: 'template' });
    expect(plainSet.body.items[0]!.text).not.toContain('#ad');
  });

  it('writes AI copy through the configured endpoint with structured output, and records token usage', async () => {
    const owner = await register('AiUser');
    const productId = await createProduct(owner);
    fake.enqueue({ kind: 'valid', content: aiAnswer(2), usage: { prompt: 321, completion: 123 } });
    const before = fake.requests.length;
    const set = await generate(owner, productId, {
      platforms: ['x', 'instagram', 'pinterest'],
      variants: 2,
      mode: 'ai',
    });
    expect(set.status).toBe(201);
    expect(new Set(set.body.items.map((item) => item.source))).toEqual(new Set(['ai']));
    expect(set.body.usage).toEqual({ promptTokens: 321, completionTokens: 123 });
    expect(set.body.items.find((item) => item.platform === 'x' && item.variant === 2)!.text).toContain(
      'AI variant 2',
    );
    await expectPostable(owner, set.body.items, () => '#ad');

    const [request] = fake.requests.slice(before);
    expect(request!.body.model).toBe(MODEL);
    expect(request!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request!.headers['openai-organization']).toBe('org-e2e');
    expect(request!.body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { strict: true },
    });
    expect(JSON.stringify(request!.body.messages)).toContain(AFFILIATE_PRODUCT.title);
  });

  it('waits for Retry-After on 429 and retries', async () => {
    const owner = await register('RateLimited');
    const productId = await createProduct(owner);
    fake.enqueue({ kind: 'rateLimited', retryAfterSec: 1 }, { kind: 'valid', content: aiAnswer(1) });
    const before = fake.requests.length;
    const set = await generate(owner, productId, { platforms: ['threads'], mode: 'ai' });
    expect(set.status).toBe(201);
    expect(set.body.items[0]!.source).toBe('ai');
    const [limited, retried] = fake.requests.slice(before);
    expect(retried!.receivedAt - limited!.receivedAt).toBeGreaterThanOrEqual(900);
  });

  it.each([
    ['an invalid answer', [{ kind: 'invalid' as const }]],
    ['server errors', [{ kind: 'serverError' as const }, { kind: 'serverError' as const }]],
    [
      'a model slower than the timeout',
      [
        { kind: 'slow' as const, delayMs: 4000, content: aiAnswer(1) },
        { kind: 'slow' as const, delayMs: 4000, content: aiAnswer(1) },
      ],
    ],
  ])(
    'falls back to templates on %s in auto mode, and answers 502 in ai mode',
    async (_name, scenarios) => {
      const owner = await register('Fallback');
      const productId = await createProduct(owner);
      fake.enqueue(...scenarios);
      const auto = await generate(owner, productId, { platforms: ['x', 'mastodon'], mode: 'auto' });
      expect(auto.status).toBe(201);
      for (const item of auto.body.items) {
        expect(item.source).toBe('template');
        expect(item.warnings.join(' ')).toMatch(/AI|model/i);
      }
      await expectPostable(owner, auto.body.items, () => '#ad');

      fake.enqueue(...scenarios);
      const strict = await generate(owner, productId, { platforms: ['x'], mode: 'ai' });
      expect(strict.status).toBe(502);
      expect(JSON.stringify(strict.body)).not.toContain(API_KEY);
    },
    60_000,
  );

  it("answers 404 for another workspace's product or copy, 403 to a viewer's writes, 400 for bad input", async () => {
    const owner = await register('Owner');
    const productId = await createProduct(owner);
    const set = (await generate(owner, productId, { platforms: ['x'], mode: 'template' })).body;

    const stranger = await register('Stranger');
    expect((await generate(stranger, productId, { platforms: ['x'] })).status).toBe(404);
    expect((await api.get(`/api/v1/products/${productId}/copy`, stranger.token)).status).toBe(404);
    expect((await api.get(`/api/v1/copy/${set.id}`, stranger.token)).status).toBe(404);
    const strangerEdit = { items: [{ platform: 'x', variant: 1, text: 'Mine now #ad' }] };
    expect((await api.patch(`/api/v1/copy/${set.id}`, strangerEdit, stranger.token)).status).toBe(404);

    const viewer = await register('Viewer');
    const viewerToken = (await joinWorkspace(api, system!.outboxDir, owner, viewer, 'viewer')).token;
    expect((await api.get(`/api/v1/copy/${set.id}`, viewerToken)).status).toBe(200);
    expect(
      (await api.post(`/api/v1/products/${productId}/copy`, { platforms: ['x'] }, viewerToken)).status,
    ).toBe(403);
    expect((await api.patch(`/api/v1/copy/${set.id}`, strangerEdit, viewerToken)).status).toBe(403);
    const settings = { token: viewerToken, body: { defaultDisclosure: '#ad' } };
    expect((await api.request('PUT', '/api/v1/copy/settings', settings)).status).toBe(403);

    for (const body of [
      { platforms: ['myspace'] },
      { platforms: [] },
      { platforms: ['x'], variants: 6 },
      { platforms: ['x'], language: 'xx' },
      { platforms: ['x'], mode: 'magic' },
      { platforms: ['x'], surprise: true },
    ]) {
      expect({ body, status: (await generate(owner, productId, body)).status }).toEqual({
        body,
        status: 400,
      });
    }
    expect((await api.get('/api/v1/copy/not-a-uuid', owner.token)).status).toBe(400);
  });
});
