import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { CopySettingsView, GenerateCopyDto } from '@app/contracts';
import { checkPost, extractHashtags, findUrls, type Platform, PLATFORMS } from '@app/platform-rules';
import { testConfig } from '../../../../test/support/test-config.js';
import { copyRules, shortLinkFor } from './copy-composer.js';
import { templateGenerator } from '../../test/template-generator.js';
import { type ProductFacts, withoutHashSigns } from './product-facts.js';

// Template generation as the service runs it (no model configured), over arbitrary product text.
const config = testConfig({
  COPY_SEASONAL_HASHTAGS: 'Black Friday,Holiday Gifts',
  COPY_INSTAGRAM_HASHTAG_CAP: '5',
});
const generator = await templateGenerator(config);
const WORKSPACE_ID = '7d9e3c2a-1b4f-4e6a-8c5d-2f1e0a9b8c7d';
const settings: CopySettingsView = {
  defaultDisclosure: '#ad',
  platformDisclosures: [{ platform: 'x', disclosure: 'Affiliate link' }],
  updatedAt: null,
};
const disclosureOf = (platform: Platform) =>
  platform === 'x' ? 'Affiliate link' : platform === 'etsy' ? 'Ad' : '#ad';

const pieces = fc.oneof(
  fc.constantFrom(
    '👨‍👩‍👧‍👦',
    '🇯🇵',
    '👍🏽',
    '🏳️‍🌈',
    '手作りのマグカップ',
    '非常好用的杯子',
    'مصنوع يدويا بعناية',
    'עבודת יד',
    'e\u0301',
    'https://example.com/a/very/long/path?with=query&and=more',
    'http://shop.example.co.uk/p/1',
    '#handmade',
    '@maker',
    'Supercalifragilisticexpialidocious'.repeat(4),
    'Stoneware.',
    '!!!',
    '\n',
  ),
  fc.string({ minLength: 1, maxLength: 30 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
);
const text = (maxPieces: number) =>
  fc.array(pieces, { minLength: 1, maxLength: maxPieces }).map((parts) => parts.join(' ').trim() || 'Mug');

const facts = fc.record<ProductFacts>({
  id: fc.uuid(),
  title: text(8).map((title) => title.slice(0, 200)),
  description: fc.option(text(60), { nil: null }),
  price: fc.option(fc.constantFrom('$28.00', '€1,299.99', '¥3,500'), { nil: null }),
  priceMajor: fc.option(fc.double({ min: 0, max: 5000, noNaN: true }), { nil: null }),
  category: fc.option(
    text(3).map((category) => category.slice(0, 100)),
    { nil: null },
  ),
  tags: fc.array(
    text(3).map((tag) => tag.slice(0, 50)),
    { maxLength: 50 },
  ),
  destinationUrl: fc.option(fc.webUrl({ withQueryParameters: true }), { nil: null }),
  isAffiliate: fc.boolean(),
});

const options = fc.record<GenerateCopyDto>(
  {
    platforms: fc.uniqueArray(fc.constantFrom(...PLATFORMS), { minLength: 1, maxLength: PLATFORMS.length }),
    variants: fc.integer({ min: 1, max: 5 }),
    tone: fc.constantFrom('friendly', 'excited', 'minimal', 'premium'),
    callToAction: text(3).map((cta) => cta.slice(0, 80)),
    hashtags: fc.record(
      {
        max: fc.integer({ min: 0, max: 30 }),
        include: fc.array(
          text(2).map((tag) => tag.slice(0, 50)),
          { maxLength: 10 },
        ),
        exclude: fc.array(fc.constantFrom('mug', 'BlackFriday', 'handmade'), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    ),
    seed: fc.integer({ min: 0, max: 2_147_483_647 }),
  },
  { requiredKeys: ['platforms'] },
);

/** Facts as productFacts makes them from a stored product: hashtag signs removed from the seller's text. */
function asStored(raw: ProductFacts): ProductFacts {
  return {
    ...raw,
    title: withoutHashSigns(raw.title),
    description: raw.description === null ? null : withoutHashSigns(raw.description),
    category: raw.category === null ? null : withoutHashSigns(raw.category),
  };
}

describe('template copy, for arbitrary products', () => {
  it('satisfies every platform rule and keeps the disclosure of affiliate products', async () => {
    await fc.assert(
      fc.asyncProperty(facts, options, async (raw, request) => {
        const product = asStored(raw);
        const copy = await generator.generate(
          WORKSPACE_ID,
          product,
          { ...request, mode: 'template' },
          settings,
        );
        expect(copy.items).toHaveLength(request.platforms.length * (request.variants ?? 1));
        for (const item of copy.items) {
          const rules = copyRules(item.platform, config.copy.instagramHashtagCap);
          const disclosure = product.isAffiliate ? disclosureOf(item.platform) : undefined;
          const check = checkPost(item, rules, {
            hasMedia: true,
            shortLink: shortLinkFor(rules, generator.trackedLinkExample, product.destinationUrl),
            disclosure,
          });
          expect({ platform: item.platform, violations: check.violations }).toEqual({
            platform: item.platform,
            violations: [],
          });
          expect(item.text.trim()).not.toBe('');
          expect(item.source).toBe('template');
          const hashtagsInText = extractHashtags(item.text).map((tag) => tag.toLowerCase());
          for (const tag of item.hashtags) expect(hashtagsInText).toContain(tag.toLowerCase());
          expect(item.hashtags.length).toBeLessThanOrEqual(request.hashtags?.max ?? 30);
          for (const excluded of request.hashtags?.exclude ?? []) {
            expect(item.hashtags.map((tag) => tag.toLowerCase())).not.toContain(excluded.toLowerCase());
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('never cuts a URL, a hashtag or a grapheme cluster of the product text', async () => {
    await fc.assert(
      fc.asyncProperty(facts, async (raw) => {
        const product = asStored(raw);
        const copy = await generator.generate(
          WORKSPACE_ID,
          product,
          { platforms: ['x', 'bluesky'], mode: 'template' },
          settings,
        );
        const source = [product.title, product.description ?? ''].join(' ');
        for (const item of copy.items) {
          for (const { url } of findUrls(item.text)) {
            expect([source, product.destinationUrl ?? ''].some((text) => text.includes(url))).toBe(true);
          }
          // A lone surrogate or a dangling joiner at the end would mean a grapheme was cut.
          expect(item.text).not.toMatch(/[\uD800-\uDBFF]$|\u200D$/u);
        }
      }),
      { numRuns: 100 },
    );
  });
});
