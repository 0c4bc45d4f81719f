import { describe, expect, it } from '@jest/globals';
import { COPY_TONES } from '@app/contracts';
import { PLATFORMS } from '@app/platform-rules';
import type { ProductFacts } from '../product-facts.js';
import { EN } from './en.js';
import { MIN_PHRASES } from './template-language.js';
import { templateDraft } from './template-engine.js';

const MUG: ProductFacts = {
  id: '6a0f1a52-3c41-4d0e-9d3b-2f4a9d1c7e10',
  title: 'Stoneware mug',
  description: 'Glazed by hand in small batches. Holds 350 ml. Dishwasher safe.',
  price: '$28.00',
  priceMajor: 28,
  category: 'Kitchen',
  tags: ['mug'],
  destinationUrl: 'https://shop.example.com/mug',
  isAffiliate: false,
};

/** The longest phrase of a bank found in a text (a shorter phrase may be part of a longer one). */
function longestIn(
  text: string,
  bank: readonly string[],
  values: Record<string, string>,
): string | undefined {
  const phrases = bank.map((phrase) => phrase.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? ''));
  return phrases.filter((phrase) => text.includes(phrase)).sort((a, b) => b.length - a.length)[0];
}

describe('template drafts', () => {
  it('are the same for the same input and seed, and change with the seed', () => {
    const input = {
      facts: MUG,
      platform: 'instagram' as const,
      tone: 'friendly' as const,
      language: EN,
      variant: 0,
    };
    expect(templateDraft({ ...input, seed: 7 })).toEqual(templateDraft({ ...input, seed: 7 }));
    const bodies = new Set([1, 2, 3, 4, 5].map((seed) => templateDraft({ ...input, seed }).body));
    expect(bodies.size).toBeGreaterThan(1);
  });

  it.each(COPY_TONES)(
    'gives five %s variants with five different hooks, benefits and calls to action',
    (tone) => {
      for (const platform of PLATFORMS) {
        const bodies = [0, 1, 2, 3, 4].map(
          (variant) => templateDraft({ facts: MUG, platform, tone, language: EN, variant, seed: 42 }).body,
        );
        const hooks = bodies.map((body) => longestIn(body, EN.hooks[tone], { title: MUG.title }));
        const ctas = bodies.map((body) => longestIn(body, EN.ctas[tone], {}));
        const benefitFrames = EN.benefits[tone]
          .map((frame) => frame.replace('{fact}', '').trim())
          .filter(Boolean);
        const benefits = bodies.map((body) => longestIn(body, benefitFrames, {}) ?? 'bare fact');
        expect({
          platform,
          hooks: new Set(hooks).size,
          ctas: new Set(ctas).size,
          benefits: new Set(benefits).size,
        }).toEqual({
          platform,
          hooks: 5,
          ctas: 5,
          benefits: 5,
        });
        expect([...hooks, ...ctas]).not.toContain(undefined);
      }
    },
  );

  it('says nothing the seller did not: the description sentences and the price appear as written', () => {
    const draft = templateDraft({
      facts: MUG,
      platform: 'facebook',
      tone: 'minimal',
      language: EN,
      variant: 0,
      seed: 1,
    });
    const sentences = ['Glazed by hand in small batches.', 'Holds 350 ml.', 'Dishwasher safe.'];
    expect(sentences.some((sentence) => draft.body.includes(sentence))).toBe(true);
    expect(draft.body).toContain('$28.00');
    expect(draft.body).not.toMatch(/\d+%|free shipping|sale/i);
  });

  it('points to the link in bio where captions do not link, and titles listings', () => {
    const instagram = templateDraft({
      facts: MUG,
      platform: 'instagram',
      tone: 'friendly',
      language: EN,
      variant: 0,
      seed: 1,
    });
    expect(instagram.body).toContain(EN.linkInBio);
    const pin = templateDraft({
      facts: MUG,
      platform: 'pinterest',
      tone: 'premium',
      language: EN,
      variant: 0,
      seed: 1,
    });
    expect(pin).toMatchObject({ title: 'Stoneware mug', altText: 'Stoneware mug, Kitchen' });
  });

  it('has enough phrases in every bank for five distinct variants', () => {
    for (const bank of [EN.hooks, EN.benefits, EN.noFactBenefits, EN.ctas, EN.prices]) {
      for (const tone of COPY_TONES) expect(new Set(bank[tone]).size).toBeGreaterThanOrEqual(MIN_PHRASES);
    }
  });
});
