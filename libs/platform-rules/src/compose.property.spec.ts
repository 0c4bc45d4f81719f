import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { PLATFORM_TEXT_LIMITS, trickyText } from '../test/platform-counters.js';
import { checkPost } from './check.js';
import { composePost } from './compose.js';
import { replaceHttpUrl } from './links.js';
import { PLATFORMS, rulesFor } from './platforms.js';

const SHORT_LINK = 'https://sho.pc/l/xxxxxxxx';

describe('composePost, counted by each platform as it counts', () => {
  it('fits every platform and reports the length the platform counts, the tracked link in place', () => {
    const link = fc.constantFrom(
      'https://example.com/a/very/long/product/path?utm_source=x',
      'http://rbyf18.wnw/mt',
    );
    fc.assert(
      fc.property(fc.constantFrom(...PLATFORMS), trickyText(400, 'max'), link, (platform, body, url) => {
        const rules = rulesFor(platform);
        const shortLink = { shortLink: SHORT_LINK, destination: url };
        const composed = composePost({ body, link: url, disclosure: '#ad' }, rules, {
          hasMedia: true,
          shortLink,
        });
        const limit = PLATFORM_TEXT_LIMITS[platform];
        const length = limit.length(replaceHttpUrl(composed.text, url, SHORT_LINK));
        const reported = checkPost(composed, rules, { hasMedia: true, shortLink }).metrics.length;
        expect({ platform, length, reported }).toEqual({
          platform,
          length: Math.min(length, limit.max),
          reported: length,
        });
      }),
      { numRuns: 200 },
    );
  });
});
