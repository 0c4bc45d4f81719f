import { describe, expect, it } from '@jest/globals';
import { checkPost, measureTags } from './check.js';
import { PLATFORM_RULES, rulesFor, withHashtagMax } from './platforms.js';

const rulesOf = (violations: Array<{ rule: string }>) => violations.map((violation) => violation.rule);

describe('checkPost', () => {
  it('accepts a post within every rule and reports its metrics', () => {
    const check = checkPost({ text: 'Mug 👍 https://example.com/mug #ad' }, rulesFor('x'));
    expect(check.violations).toEqual([]);
    expect(check.metrics).toEqual({
      length: 4 + 2 + 1 + 23 + 4,
      limit: 280,
      hashtagCount: 1,
      hashtagLimit: null,
    });
  });

  it('names the rule a text breaks', () => {
    expect(rulesOf(checkPost({ text: 'a'.repeat(281) }, rulesFor('x')).violations)).toEqual(['x.text.max']);
    expect(rulesOf(checkPost({ text: '日'.repeat(300) }, rulesFor('mastodon')).violations)).toEqual([]);
    expect(rulesOf(checkPost({ text: '日'.repeat(301) }, rulesFor('bluesky')).violations)).toEqual([
      'bluesky.text.max',
    ]);
    expect(rulesOf(checkPost({ text: 'é'.repeat(2501) }, rulesFor('youtube')).violations)).toEqual([
      'youtube.text.max',
    ]);
    expect(rulesOf(checkPost({ text: '#one #two' }, rulesFor('threads')).violations)).toEqual([
      'threads.hashtags.max',
    ]);
  });

  it('applies a configured Instagram hashtag cap', () => {
    const text = '#a1 #b2 #c3 #d4 #e5 #f6';
    expect(checkPost({ text }, rulesFor('instagram')).violations).toEqual([]);
    const capped = withHashtagMax(rulesFor('instagram'), 5);
    expect(rulesOf(checkPost({ text }, capped).violations)).toEqual(['instagram.hashtags.max']);
  });

  it('uses the 1,024 caption limit of Telegram media posts', () => {
    const text = 'a'.repeat(1025);
    expect(checkPost({ text }, rulesFor('telegram')).violations).toEqual([]);
    expect(rulesOf(checkPost({ text }, rulesFor('telegram'), { hasMedia: true }).violations)).toEqual([
      'telegram.text.max',
    ]);
  });

  it('checks titles, alt text and tags', () => {
    expect(rulesOf(checkPost({ text: 'x', title: 'Best <mug>' }, rulesFor('youtube')).violations)).toEqual([
      'youtube.title.characters',
    ]);
    expect(
      rulesOf(checkPost({ text: 'x', title: 'a'.repeat(101) }, rulesFor('pinterest')).violations),
    ).toEqual(['pinterest.title.max']);
    expect(
      rulesOf(checkPost({ text: 'x', altText: 'a'.repeat(501) }, rulesFor('pinterest')).violations),
    ).toEqual(['pinterest.altText.max']);
    expect(
      rulesOf(checkPost({ text: 'x', title: '50% off: 20% more' }, rulesFor('etsy')).violations),
    ).toEqual(['etsy.title.repeated']);
    const tags = Array.from({ length: 14 }, (_, i) => `tag ${i}`).concat(
      'a tag far longer than twenty',
      '-dash',
    );
    expect(new Set(rulesOf(checkPost({ text: 'x', tags }, rulesFor('etsy')).violations))).toEqual(
      new Set(['etsy.tags.maxCount', 'etsy.tags.maxLength', 'etsy.tags.characters']),
    );
  });

  it('counts YouTube tags with commas and quotes around tags with spaces', () => {
    expect(measureTags(['mug', 'coffee cup'])).toBe(3 + 1 + 10 + 2);
    const tags = Array.from({ length: 50 }, () => 'abcdefghij');
    expect(rulesOf(checkPost({ text: 'x', tags }, rulesFor('youtube')).violations)).toEqual([
      'youtube.tags.maxTotal',
    ]);
  });

  it('requires a disclosure when one is given', () => {
    expect(
      rulesOf(checkPost({ text: 'Great mug' }, rulesFor('x'), { disclosure: '#ad' }).violations),
    ).toEqual(['x.disclosure.missing']);
  });

  it('has a row for every platform', () => {
    expect(Object.keys(PLATFORM_RULES).sort()).toEqual([
      'bluesky',
      'etsy',
      'facebook',
      'instagram',
      'linkedin',
      'mastodon',
      'pinterest',
      'telegram',
      'threads',
      'tiktok',
      'x',
      'youtube',
    ]);
  });
});
