import { describe, expect, it } from '@jest/globals';
import { findHttpUrls, isSameUrl, replaceHttpUrl } from './links.js';

describe('http(s) URLs in a text', () => {
  it('finds URLs with a scheme, leaving sentence punctuation and bare domains out', () => {
    const text = 'New: https://shop.example/tote?c=red. Also (http://shop.example/mug) or shop.example/cap';
    expect(findHttpUrls(text)).toEqual([
      { url: 'https://shop.example/tote?c=red', start: 5, end: 36 },
      { url: 'http://shop.example/mug', start: 44, end: 67 },
    ]);
    expect(findHttpUrls('no link here')).toEqual([]);
  });

  it('compares URLs as parsed', () => {
    expect(isSameUrl('HTTPS://Shop.Example', 'https://shop.example/')).toBe(true);
    expect(isSameUrl('https://shop.example/a', 'https://shop.example/a/')).toBe(false);
  });

  it('replaces every occurrence of one URL and leaves longer URLs that start with it alone', () => {
    const text = 'Get it: https://shop.example/p! https://shop.example/p/2 and again https://shop.example/p';
    expect(replaceHttpUrl(text, 'https://shop.example/p', 'https://sho.pc/l/Ab3dEf7h')).toBe(
      'Get it: https://sho.pc/l/Ab3dEf7h! https://shop.example/p/2 and again https://sho.pc/l/Ab3dEf7h',
    );
    expect(replaceHttpUrl('nothing', 'https://shop.example/p', 'x')).toBe('nothing');
  });
});
