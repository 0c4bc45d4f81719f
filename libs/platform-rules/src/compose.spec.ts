import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { productText } from '../test/arbitraries.js';
import { checkPost } from './check.js';
import { composePost } from './compose.js';
import { extractHashtags, uniqueHashtags } from './hashtags.js';
import { PLATFORMS, rulesFor, withHashtagMax } from './platforms.js';

describe('composePost', () => {
  it('places the disclosure where the platform shows it and keeps the link whole', () => {
    const parts = {
      body: 'A mug. #cozy',
      link: 'https://example.com/m',
      disclosure: '#ad',
      hashtags: ['mug', 'tea'],
    };
    expect(composePost(parts, rulesFor('x')).text).toBe(
      'A mug. cozy\n\nhttps://example.com/m\n\n#mug #tea\n\n#ad',
    );
    expect(composePost(parts, rulesFor('instagram')).text).toBe(
      '#ad\n\nA mug. cozy\n\nhttps://example.com/m\n\n#mug #tea',
    );
  });

  it('counts a hashtag disclosure against the cap', () => {
    const composed = composePost({ body: 'Tea', disclosure: '#ad', hashtags: ['mug'] }, rulesFor('threads'));
    expect(composed.text).toBe('Tea\n\n#ad');
    expect(composed.hashtags).toEqual([]);
  });

  it('shortens the body before it drops the link or the disclosure', () => {
    const body = 'word '.repeat(100).trim();
    const composed = composePost({ body, link: 'https://example.com/x', disclosure: '#ad' }, rulesFor('x'));
    expect(composed.isShortened).toBe(true);
    expect(composed.text.endsWith('…\n\nhttps://example.com/x\n\n#ad')).toBe(true);
    expect(checkPost({ text: composed.text }, rulesFor('x')).violations).toEqual([]);
  });

  it('for arbitrary product text, every platform gets a post within its rules that keeps the disclosure', () => {
    const disclosure = fc.constantFrom(
      '#ad',
      'Affiliate link: I may earn a commission.',
      'Anzeige · Werbung',
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...PLATFORMS),
        productText,
        fc.array(productText, { maxLength: 40 }),
        fc.option(fc.constantFrom('https://example.com/p/1', 'https://shop.example.com/a?utm_source=x&b=1')),
        disclosure,
        fc.boolean(),
        (platform, body, rawTags, link, disclosureText, hasMedia) => {
          const base = rulesFor(platform);
          const rules = platform === 'instagram' ? withHashtagMax(base, 5) : base;
          const usable = platform === 'etsy' || platform === 'threads' ? 'Affiliate link' : disclosureText;
          const hashtags = uniqueHashtags(rawTags);
          const composed = composePost(
            { body, link: link ?? undefined, disclosure: usable, hashtags },
            rules,
            { hasMedia },
          );
          const check = checkPost({ text: composed.text }, rules, { hasMedia, disclosure: usable });
          expect(check.violations).toEqual([]);
          for (const tag of composed.hashtags) expect(extractHashtags(composed.text)).toContain(tag);
          if (link) expect(composed.text).toContain(link);
        },
      ),
      { numRuns: 400 },
    );
  });
});
