import { describe, expect, it } from '@jest/globals';
import { measureTags } from '@app/platform-rules';
import { hashtagCandidates } from './hashtag-generator.js';
import { listingTags, tagCandidates } from './listing-tags.js';
import { isAffiliateUrl, type ProductFacts } from './product-facts.js';
import { EN } from './templates/en.js';

const LAMP: ProductFacts = {
  id: '0b6b1c1e-6a55-4c3e-9a6a-0f7e4b3d2c10',
  title: 'Walnut desk lamp with linen shade',
  description: 'The walnut base is oiled by hand. A linen shade softens the light; the walnut warms it.',
  price: '$42.00',
  priceMajor: 42,
  category: 'Home & Living',
  tags: ['desk lamp', 'WALNUT', 'gift-for-him', '2024'],
  destinationUrl: null,
  isAffiliate: false,
};

describe('hashtag candidates', () => {
  it('come from the facts, then the price band and the seasonal list, normalised and de-duplicated', () => {
    const tags = hashtagCandidates(LAMP, EN, ['Holiday Gifts', 'walnut']);
    expect(tags).toEqual(
      [
        'HomeLiving',
        'deskLamp',
        'WALNUT',
        'giftForHim',
        'Desk',
        'Lamp',
        'Linen',
        'Under50',
        'holidayGifts',
      ].map((tag) => expect.stringMatching(new RegExp(`^${tag}$`, 'i'))),
    );
    // `2024` has no letter, `walnut` repeats `WALNUT`, stop words (`with`) never become tags.
    expect(tags.map((tag) => tag.toLowerCase())).not.toContain('2024');
    expect(tags.map((tag) => tag.toLowerCase())).not.toContain('with');
    expect(new Set(tags.map((tag) => tag.toLowerCase())).size).toBe(tags.length);
    for (const tag of tags) expect(tag).toMatch(/^[\p{L}\p{M}\p{N}_]+$/u);
  });

  it('put requested tags first and drop excluded ones whatever their case', () => {
    const tags = hashtagCandidates(LAMP, EN, [], { include: ['Shop Small'], exclude: ['walnut', 'UNDER50'] });
    expect(tags[0]?.toLowerCase()).toBe('shopsmall');
    expect(tags.map((tag) => tag.toLowerCase())).not.toContain('walnut');
    expect(tags.map((tag) => tag.toLowerCase())).not.toContain('under50');
  });
});

describe('listing tags', () => {
  it('fit Etsy: at most 13, each at most 20 characters of allowed characters', () => {
    const many = Array.from({ length: 30 }, (_, index) => `tag number ${index} #special!`);
    const tags = listingTags('etsy', [...many, 'a very long handmade walnut lamp phrase']) ?? [];
    expect(tags).toHaveLength(13);
    for (const tag of tags) {
      expect([...tag].length).toBeLessThanOrEqual(20);
      expect(tag).toMatch(/^[\p{L}\p{Nd}][\p{L}\p{Nd}\p{Zs}\-']*$/u);
    }
  });

  it('fit YouTube: 500 characters in all, counted as YouTube counts', () => {
    const tags =
      listingTags(
        'youtube',
        Array.from({ length: 80 }, (_, index) => `walnut lamp ${index}`),
      ) ?? [];
    expect(measureTags(tags)).toBeLessThanOrEqual(500);
    expect(measureTags(tags)).toBeGreaterThan(450);
  });

  it('are only made for platforms with tags, from the product as written', () => {
    expect(listingTags('x', tagCandidates(LAMP))).toBeUndefined();
    expect(listingTags('etsy', tagCandidates(LAMP))).toEqual([
      'desk lamp',
      'WALNUT',
      'gift-for-him',
      '2024',
      'Home Living',
      'Walnut desk lamp',
    ]);
  });
});

describe('affiliate links', () => {
  it.each([
    ['https://www.amazon.com/dp/B0?tag=maker-20', true],
    ['https://amzn.to/3xYz', true],
    ['https://shop.example.com/mug?ref=aff42', true],
    ['https://shop.example.com/mug?utm_source=x', false],
    ['https://shop.example.com/mug', false],
    ['not a url', false],
  ])('%s -> %s', (url, expected) => {
    expect(isAffiliateUrl(url)).toBe(expected);
  });
});
