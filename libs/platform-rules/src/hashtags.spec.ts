import { describe, expect, it } from '@jest/globals';
import { extractHashtags, formatHashtags, normaliseHashtag, unhashtag, uniqueHashtags } from './hashtags.js';

describe('hashtags', () => {
  it.each([
    ["Mother's Day", 'MothersDay'],
    ['coffee lover', 'coffeeLover'],
    ['#handmade', 'handmade'],
    ['café-au-lait', 'caféAuLait'],
    ['日本 製', '日本製'],
    ['Kitchen & Dining', 'KitchenDining'],
    ['under_25', 'under25'],
    ['2024', null],
    ['!!!', null],
    ['', null],
  ])('normalises %j to %j', (raw, expected) => {
    expect(normaliseHashtag(raw)).toBe(expected);
  });

  it('keeps only what X recognises as one whole hashtag', () => {
    for (const tag of ['mug', 'coffeeLover', '日本製', 'caféAuLait'])
      expect(extractHashtags(`#${tag}`)).toEqual([tag]);
  });

  it('de-duplicates ignoring case and keeps the first spelling', () => {
    expect(uniqueHashtags(['Mug', 'mug', ' MUG ', 'coffee lover', 'CoffeeLover', '2024'])).toEqual([
      'Mug',
      'coffeeLover',
    ]);
  });

  it('formats, and takes the # off hashtags in a text without touching URLs', () => {
    expect(formatHashtags(['a', 'b'])).toBe('#a #b');
    expect(unhashtag('Cozy #mug at https://example.com/#top ＃日本')).toBe(
      'Cozy mug at https://example.com/#top 日本',
    );
  });

  it('leaves no hashtag behind when taking one # off makes another', () => {
    expect(unhashtag('##A and ###sale')).toBe('A and sale');
    expect(extractHashtags(unhashtag('##A'))).toEqual([]);
  });
});
