import { describe, expect, it } from '@jest/globals';
import { graphemeCount, measureText, weightedLength } from './measure.js';

// Expected numbers worked out by hand from X's documented v3 weights (ranges 0-4351, 8192-8205,
// 8208-8223 and 8242-8247 weigh 1, everything else 2, any emoji sequence 2, every URL 23, NFC first).
const X_CASES: Array<[string, string, number]> = [
  ['empty', '', 0],
  ['latin', 'Hello world', 11],
  ['cyrillic (inside 0-4351)', 'Привет', 6],
  ['CJK weighs 2', '日本語', 6],
  ['hangul weighs 2', '안녕', 4],
  ['en dash is in 8208-8223', '–', 1],
  ['ellipsis U+2026 is outside the ranges', '…', 2],
  ['single emoji', '👍', 2],
  ['emoji with skin tone', '👍🏽', 2],
  ['family ZWJ sequence', '👨‍👩‍👧‍👦', 2],
  ['flag', '🇯🇵', 2],
  ['rainbow flag ZWJ', '🏳️‍🌈', 2],
  ['decomposed é is NFC-normalised to one', 'e\u0301', 1],
  ['a long URL counts 23', 'https://www.example.com/a/very/long/path/that/goes/on?and=on&on=on', 23],
  ['a short URL counts 23', 'http://a.co', 23],
  ['a URL without scheme counts 23', 'Buy at example.com now', 7 + 23 + 4],
  ['two URLs and text', 'Hello https://t.co/abc and https://shop.example.com/x', 6 + 23 + 5 + 23],
  ['hashtags count as text', '#ad #handmade', 13],
  ['arabic (inside 0-4351)', 'مرحبا', 5],
];

describe('X weighted length (twitter-text)', () => {
  it.each(X_CASES)('%s', (_name, text, expected) => {
    expect(weightedLength(text)).toBe(expected);
    expect(measureText(text, { counter: 'weighted' })).toBe(expected);
  });

  it('puts the limit exactly at 280 for latin and 140 for CJK', () => {
    expect(weightedLength('a'.repeat(280))).toBe(280);
    expect(weightedLength('日'.repeat(140))).toBe(280);
    expect(weightedLength('日'.repeat(141))).toBe(282);
  });
});

describe('other counters', () => {
  const family = '👨‍👩‍👧‍👦';
  it('counts graphemes for Bluesky: a ZWJ family is one', () => {
    expect(graphemeCount(`hi ${family}`)).toBe(4);
    expect(measureText(`hi ${family}`, { counter: 'graphemes' })).toBe(4);
  });

  it('counts code points, UTF-16 units and UTF-8 bytes', () => {
    expect(measureText('👍🏽é', { counter: 'codePoints' })).toBe(3);
    expect(measureText('👍🏽é', { counter: 'utf16' })).toBe(5);
    expect(measureText('👍🏽é', { counter: 'utf8Bytes' })).toBe(10);
    expect(measureText('日本', { counter: 'utf8Bytes' })).toBe(6);
  });

  it('counts an emoji as its UTF-8 bytes for Threads, other characters as code points', () => {
    expect(measureText('Mug 👍', { counter: 'emojiBytes' })).toBe(4 + 4);
    expect(measureText('👍🏽 🇯🇵 1️⃣ ❤️', { counter: 'emojiBytes' })).toBe(8 + 1 + 8 + 1 + 7 + 1 + 6);
    expect(measureText('👨‍👩‍👧‍👦 日本 é', { counter: 'emojiBytes' })).toBe(25 + 1 + 2 + 1 + 1);
  });

  it('counts the text with the tracked link in place of its destination, or of the first URL without it', () => {
    const shortLink = 'https://sho.pe/l/xxxxxxxx';
    const text = 'See http://a.wnw/x and https://example.com/a/long/path';
    const bluesky = { counter: 'graphemes' } as const;
    expect(
      measureText(text, {
        ...bluesky,
        shortLink: { shortLink, destination: 'https://example.com/a/long/path' },
      }),
    ).toBe('See http://a.wnw/x and '.length + shortLink.length);
    expect(measureText(text, { ...bluesky, shortLink: { shortLink, destination: null } })).toBe(
      'See  and https://example.com/a/long/path'.length + shortLink.length,
    );
  });

  it('counts every http(s) URL at the given length when one is set', () => {
    const text = 'See https://example.com/a/long/product/path?utm_source=x';
    expect(measureText(text, { counter: 'codePoints', urlLength: 23 })).toBe(4 + 23);
    expect(measureText(text, { counter: 'codePoints' })).toBe(text.length);
  });
});

describe('graphemeCount', () => {
  it('counts like Intl.Segmenter on mixed ASCII and other text', async () => {
    const { default: fc } = await import('fast-check');
    const { productText } = await import('../test/arbitraries.js');
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const reference = (text: string) => Array.from(segmenter.segment(text)).length;
    const marks = fc.constantFrom('\u0301', '\u200d', '\ufe0f', '\r\n', '\r', '\n', '🏽', 'a\u0308');
    const text = fc.array(fc.oneof(productText, marks), { maxLength: 20 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (value) => expect(graphemeCount(value)).toBe(reference(value))),
      { numRuns: 300 },
    );
  });
});
