import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { type CopySetView, GenerateCopyDto, type Role, UpdateCopyDto, PreviewCopyDto } from '@app/contracts';
import { validateDto } from '@app/messaging';
import { type Platform, weightedLength } from '@app/platform-rules';
import {
  type ChatRequest,
  type FakeOpenAi,
  startFakeOpenAi,
} from '../../../../test/fakes/openai/fake-openai.server.js';
import type { ProductValues } from '../products/product.entity.js';
import { ProductsRepository } from '../products/products.repository.js';
import type { RequestContext } from '@app/messaging';
import { CopySettingsService } from './copy-settings.service.js';
import { CopyService } from './copy.service.js';
import { testConfig } from '../../../../test/support/test-config.js';
import { type ContentHarness, startContent } from '../../test/content-harness.js';
import { templateGenerator } from '../../test/template-generator.js';
import { domainErrorOf } from '../../../../test/support/domain-errors.js';

const MODEL = 'spec-model';
const API_KEY = 'sk-spec-secret';
let content: ContentHarness;
let fake: FakeOpenAi;
let copy: CopyService;
let settings: CopySettingsService;
let dataSource: DataSource;

beforeAll(async () => {
  fake = await startFakeOpenAi({ model: MODEL, apiKey: API_KEY });
  const env = {
    OPENAI_BASE_URL: fake.baseUrl,
    OPENAI_API_KEY: API_KEY,
    OPENAI_MODEL: MODEL,
    AI_TIMEOUT_MS: '700',
    AI_MAX_RETRIES: '1',
    AI_CONCURRENCY: '1',
    RPC_TIMEOUT_MS: '10000',
    PUBLIC_BASE_URL: 'https://shopcast.io',
    // Short links have a domain of their own here: copy counts them at its length, not the app's.
    LINK_BASE_URL: 'https://sho.pc',
  };
  content = await startContent({ database: 'shopcast_copy', env });
  copy = content.moduleRef.get(CopyService);
  settings = content.moduleRef.get(CopySettingsService);
  dataSource = content.moduleRef.get(DataSource);
}, 60_000);

afterAll(async () => {
  await content?.close();
  await fake?.close();
});

function callerIn(workspaceId: string = randomUUID(), role: Role = 'owner'): RequestContext {
  return { principal: { userId: randomUUID(), workspaceId, role }, correlationId: randomUUID() };
}

const MUG: ProductValues = {
  title: 'Stoneware mug',
  description: 'Glazed by hand in small batches. Holds 350 ml.',
  priceMinor: 2800,
  currency: 'USD',
  costMinor: null,
  commissionRate: 10,
  category: 'Kitchen',
  tags: ['mug', 'handmade gift'],
  destinationUrl: 'https://shop.example.com/mug',
  externalId: null,
  status: 'active',
};

async function productIn(caller: RequestContext, values: Partial<ProductValues> = {}): Promise<string> {
  const repository = content.moduleRef.get(ProductsRepository);
  const product = await repository.insert(caller.principal.workspaceId, { ...MUG, ...values });
  return product.id;
}

async function generate(
  caller: RequestContext,
  productId: string,
  plain: Record<string, unknown>,
): Promise<CopySetView> {
  return copy.generate(caller, productId, await validateDto(GenerateCopyDto, plain));
}

/** A valid structured answer for every platform the request's schema lists. */
function validAnswer(variants = 1) {
  return (request: ChatRequest) => {
    const user = JSON.parse(String(request.body.messages.at(-1)?.content)) as {
      targets: Array<{ platform: Platform }>;
    };
    return {
      items: user.targets.flatMap(({ platform }) =>
        Array.from({ length: variants }, (_, index) => ({
          platform,
          variant: index + 1,
          title: 'Stoneware mug, glazed by hand',
          text: `Slow mornings, variant ${index + 1}: a mug glazed by hand. #coffee`,
          hashtags: ['Stoneware', 'hand made'],
          altText: 'A stoneware mug',
          tags: ['stoneware mug'],
        })),
      ),
    };
  };
}

describe('template copy', () => {
  it('stores numbered versions, lists them newest first and reads one by id', async () => {
    const caller = callerIn();
    const productId = await productIn(caller);
    const first = await generate(caller, productId, {
      platforms: ['x', 'instagram'],
      variants: 2,
      mode: 'template',
    });
    const second = await generate(caller, productId, {
      platforms: ['bluesky'],
      mode: 'template',
      tone: 'premium',
    });
    expect(first).toMatchObject({
      productId,
      version: 1,
      mode: 'template',
      tone: 'friendly',
      language: 'en',
    });
    expect(first.items.map((item) => [item.platform, item.variant, item.source])).toEqual([
      ['x', 1, 'template'],
      ['x', 2, 'template'],
      ['instagram', 1, 'template'],
      ['instagram', 2, 'template'],
    ]);
    expect(first.items[0]?.text).not.toBe(first.items[1]?.text);
    expect(second.version).toBe(2);
    expect((await copy.listForProduct(caller, productId)).items.map((set) => set.version)).toEqual([2, 1]);
    expect(await copy.get(caller, first.id)).toEqual(first);
    expect(fake.requests).toHaveLength(0);
  });

  it('is deterministic for the same product, options and seed', async () => {
    const caller = callerIn();
    const productId = await productIn(caller);
    const options = { platforms: ['x', 'etsy'], variants: 3, mode: 'template', seed: 99, tone: 'excited' };
    const a = await generate(caller, productId, options);
    const b = await generate(caller, productId, options);
    expect(b.items).toEqual(a.items);
    const c = await generate(caller, productId, { ...options, seed: 100 });
    expect(c.items).not.toEqual(a.items);
  });

  it('carries the workspace disclosure on affiliate products only, per platform', async () => {
    const caller = callerIn();
    await settings.put(caller, {
      defaultDisclosure: 'Affiliate link',
      platformDisclosures: [{ platform: 'instagram', disclosure: '#ad' }],
    });
    const affiliate = await productIn(caller);
    const own = await productIn(caller, { commissionRate: null, destinationUrl: 'https://my.shop/mug' });
    const [x, instagram] = (
      await generate(caller, affiliate, { platforms: ['x', 'instagram'], mode: 'template' })
    ).items;
    expect(x?.text).toContain('Affiliate link');
    expect(instagram?.text.startsWith('#ad')).toBe(true);
    const plain = await generate(caller, own, { platforms: ['x'], mode: 'template' });
    expect(plain.items[0]?.text).not.toMatch(/#ad|Affiliate link/);
  });

  it('keeps X copy within 280 weighted characters with the link counted as 23', async () => {
    const caller = callerIn();
    const productId = await productIn(caller, {
      title: '日本の手作り陶器マグカップ'.repeat(5),
      description: '😍 '.repeat(200),
      destinationUrl: `https://shop.example.com/${'very-long-path/'.repeat(20)}`,
    });
    const set = await generate(caller, productId, { platforms: ['x'], variants: 5, mode: 'template' });
    for (const item of set.items) {
      expect(weightedLength(item.text)).toBeLessThanOrEqual(280);
      expect(item.metrics).toMatchObject({ length: weightedLength(item.text), limit: 280 });
      expect(item.text).toContain('#ad');
    }
  });
});

describe('edits', () => {
  it('accepts an edit that keeps the rules and refuses one that breaks them, naming the rule', async () => {
    const caller = callerIn();
    const productId = await productIn(caller);
    const set = await generate(caller, productId, { platforms: ['x', 'etsy'], mode: 'template' });
    const edit = async (items: unknown[]) =>
      copy.update(caller, set.id, await validateDto(UpdateCopyDto, { items }));

    const edited = await edit([{ platform: 'x', variant: 1, text: 'My own words #ad #mugs' }]);
    expect(edited.items[0]).toMatchObject({
      text: 'My own words #ad #mugs',
      hashtags: ['ad', 'mugs'],
      isEdited: true,
      metrics: { length: 22, limit: 280, hashtagCount: 2 },
    });
    const tooLong = await domainErrorOf(
      edit([{ platform: 'x', variant: 1, text: `#ad ${'a'.repeat(280)}` }]),
    );
    expect(tooLong).toMatchObject({ status: 400, message: expect.stringContaining('x.text.max') });
    const noDisclosure = await domainErrorOf(
      edit([{ platform: 'x', variant: 1, text: 'No disclosure here' }]),
    );
    expect(noDisclosure.message).toContain('x.disclosure.missing');
    const badTags = await domainErrorOf(
      edit([{ platform: 'etsy', variant: 1, tags: ['a tag far longer than twenty'] }]),
    );
    expect(badTags.message).toContain('etsy.tags.maxLength');
    const noTitle = await domainErrorOf(
      edit([{ platform: 'x', variant: 1, title: 'X posts have no title' }]),
    );
    expect(noTitle).toMatchObject({ status: 400, message: 'X posts have no title' });
    const unknown = await domainErrorOf(edit([{ platform: 'bluesky', variant: 1, text: 'x' }]));
    expect(unknown).toMatchObject({ status: 400, message: expect.stringContaining('no bluesky variant 1') });
    expect((await copy.get(caller, set.id)).items[0]?.text).toBe('My own words #ad #mugs');
  });
});

describe('workspaces and roles', () => {
  it("answers 404 for another workspace's product or copy, and a viewer reads", async () => {
    const workspaceId = randomUUID();
    const owner = callerIn(workspaceId);
    const productId = await productIn(owner);
    const set = await generate(owner, productId, { platforms: ['x'], mode: 'template' });
    const stranger = callerIn();
    expect(await domainErrorOf(generate(stranger, productId, { platforms: ['x'] }))).toMatchObject({
      status: 404,
    });
    expect(await domainErrorOf(copy.listForProduct(stranger, productId))).toMatchObject({ status: 404 });
    expect(await domainErrorOf(copy.get(stranger, set.id))).toMatchObject({ status: 404 });
    const patch = await validateDto(UpdateCopyDto, {
      items: [{ platform: 'x', variant: 1, text: 'Mine #ad' }],
    });
    expect(await domainErrorOf(copy.update(stranger, set.id, patch))).toMatchObject({ status: 404 });

    const viewer = callerIn(workspaceId, 'viewer');
    expect(await copy.get(viewer, set.id)).toEqual(set);
  });
});

describe('previews', () => {
  it('counts the link at its tracked short length (LINK_BASE_URL/l/ and a code) and names every broken rule', async () => {
    const preview = async (plain: Record<string, unknown>) =>
      copy.preview(await validateDto(PreviewCopyDto, plain));
    const longLink = `https://shop.example.com/${'x'.repeat(300)}`;
    const bluesky = await preview({ platform: 'bluesky', text: 'A mug 👨‍👩‍👧‍👦', link: longLink });
    expect(bluesky.text).toBe('A mug 👨‍👩‍👧‍👦\n\nhttps://sho.pc/l/xxxxxxxx');
    // Bluesky counts graphemes: the family emoji is one, the short link its 25 characters.
    expect(bluesky.metrics).toMatchObject({ length: 7 + 2 + 25, limit: 300 });
    expect(bluesky.violations).toEqual([]);
    const threads = await preview({ platform: 'threads', text: 'Mug', link: longLink });
    expect(threads.metrics).toMatchObject({ length: 3 + 2 + 25, limit: 500 });
    const x = await preview({ platform: 'x', text: '日'.repeat(130), link: longLink });
    expect(x.metrics).toMatchObject({ length: 260 + 2 + 23, limit: 280 });
    expect(x.violations.map((violation) => violation.rule)).toEqual(['x.text.max']);
    const youtube = await preview({ platform: 'youtube', text: 'ok', title: 'Best <mug>' });
    expect(youtube.violations.map((violation) => violation.rule)).toEqual(['youtube.title.characters']);
  });
});

describe('AI copy against an OpenAI-compatible endpoint', () => {
  it('asks with the model, the facts and a JSON schema, uses the answer and records the tokens', async () => {
    const caller = callerIn();
    const productId = await productIn(caller);
    fake.enqueue({ kind: 'valid', content: validAnswer(2), usage: { prompt: 321, completion: 123 } });
    const set = await generate(caller, productId, { platforms: ['x', 'pinterest'], variants: 2, mode: 'ai' });

    const request = fake.requests.at(-1) as ChatRequest;
    expect(request.body.model).toBe(MODEL);
    expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request.body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { strict: true },
    });
    expect(String(request.body.messages.at(-1)?.content)).toContain('Glazed by hand in small batches.');
    expect(set.items.map((item) => item.source)).toEqual(['ai', 'ai', 'ai', 'ai']);
    expect(set.items[0]?.text).toContain('Slow mornings, variant 1');
    expect(set.items[0]?.text).toContain('#ad');
    expect(set.items[0]?.hashtags.slice(0, 2)).toEqual(['Stoneware', 'handMade']);
    expect(set.items[2]).toMatchObject({ platform: 'pinterest', title: 'Stoneware mug, glazed by hand' });
    expect(set.usage).toEqual({ promptTokens: 321, completionTokens: 123 });
    const usage = await dataSource.query(
      'SELECT model, requests, prompt_tokens::int AS prompt, completion_tokens::int AS completion FROM ai_usage WHERE workspace_id = $1',
      [caller.principal.workspaceId],
    );
    expect(usage).toEqual([{ model: MODEL, requests: 1, prompt: 321, completion: 123 }]);
  });

  it('falls back to templates in auto mode when the answer is invalid, and fails with 502 in ai mode', async () => {
    const caller = callerIn();
    const productId = await productIn(caller);
    fake.enqueue({ kind: 'invalid' });
    const auto = await generate(caller, productId, { platforms: ['x'] });
    expect(auto.items[0]).toMatchObject({ source: 'template' });
    expect(auto.items[0]?.warnings.join(' ')).toMatch(
      /AI copy was not available .*invalid.*template copy was used/,
    );
    expect(auto.usage).toBeNull();
    // The unusable answer still cost tokens, and they are counted.
    const [spent] = await dataSource.query(
      'SELECT requests, prompt_tokens::int AS prompt FROM ai_usage WHERE workspace_id = $1',
      [caller.principal.workspaceId],
    );
    expect(spent).toEqual({ requests: 1, prompt: 50 });

    fake.enqueue({ kind: 'invalid' });
    const strict = await domainErrorOf(generate(caller, productId, { platforms: ['x'], mode: 'ai' }));
    expect(strict).toMatchObject({ status: 502, code: 'upstream' });
    expect(strict.message).not.toContain(API_KEY);
  });

  it('retries a 429 after its Retry-After, and a 500 once before giving up', async () => {
    const caller = callerIn();
    const productId = await productIn(caller);
    const before = fake.requests.length;
    fake.enqueue({ kind: 'rateLimited', retryAfterSec: 1 }, { kind: 'valid', content: validAnswer() });
    const set = await generate(caller, productId, { platforms: ['threads'], mode: 'ai' });
    expect(set.items[0]?.source).toBe('ai');
    const [limited, retried] = fake.requests.slice(before);
    expect((retried?.receivedAt ?? 0) - (limited?.receivedAt ?? 0)).toBeGreaterThanOrEqual(950);

    fake.enqueue({ kind: 'serverError' }, { kind: 'serverError' });
    const fallback = await generate(caller, productId, { platforms: ['threads'] });
    expect(fallback.items[0]?.warnings.join(' ')).toContain('HTTP 500');
    const failed = await domainErrorOf(generate(caller, productId, { platforms: ['threads'], mode: 'ai' }));
    expect(failed).toMatchObject({ status: 502, message: expect.stringContaining('HTTP 500') });
  });

  it('gives up on a model slower than the timeout', async () => {
    const caller = callerIn();
    const productId = await productIn(caller);
    const slow = { kind: 'slow' as const, delayMs: 3000, content: validAnswer() };
    fake.enqueue(slow, slow);
    const set = await generate(caller, productId, { platforms: ['mastodon'] });
    expect(set.items[0]?.source).toBe('template');
    expect(set.items[0]?.warnings.join(' ')).toContain('did not answer in time');
  });

  it('runs at most AI_CONCURRENCY requests at once', async () => {
    const caller = callerIn();
    const productId = await productIn(caller);
    const before = fake.requests.length;
    const answer = { kind: 'slow' as const, delayMs: 300, content: validAnswer() };
    fake.enqueue(answer, answer);
    const sets = await Promise.all([
      generate(caller, productId, { platforms: ['x'], mode: 'ai' }),
      generate(caller, productId, { platforms: ['x'], mode: 'ai' }),
    ]);
    expect(sets.map((set) => set.version).sort()).toEqual([1, 2]);
    const [first, second] = fake.requests.slice(before);
    expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(280);
  });

  it('refuses mode ai when no model is configured, and uses templates in auto mode', async () => {
    const unconfigured = await templateGenerator(testConfig());
    const facts = {
      id: randomUUID(),
      title: 'Mug',
      description: null,
      price: null,
      priceMajor: null,
      category: null,
      tags: [],
      destinationUrl: null,
      isAffiliate: false,
    };
    const noSettings = { defaultDisclosure: '#ad', platformDisclosures: [], updatedAt: null };
    const error = await domainErrorOf(
      unconfigured.generate(randomUUID(), facts, { platforms: ['x'], mode: 'ai' }, noSettings),
    );
    expect(error).toMatchObject({ status: 400, message: expect.stringContaining('OPENAI_BASE_URL') });
    const auto = await unconfigured.generate(randomUUID(), facts, { platforms: ['x'] }, noSettings);
    expect(auto.items[0]).toMatchObject({ source: 'template', warnings: [] });
  });
});
