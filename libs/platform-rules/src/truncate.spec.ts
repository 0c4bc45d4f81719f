import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import twitterText from 'twitter-text';
import { productText } from '../test/arbitraries.js';
import { measureText } from './measure.js';
import type { TextLimit } from './platforms.js';
import { ELLIPSIS, truncateText } from './truncate.js';

const LIMITS: Array<Pick<TextLimit, 'counter' | 'urlLength'>> = [
  { counter: 'weighted' },
  { counter: 'codePoints' },
  { counter: 'codePoints', urlLength: 23 },
  { counter: 'utf16' },
  { counter: 'graphemes' },
  { counter: 'utf8Bytes' },
];

const wordBoundaries = (text: string) => {
  const boundaries = new Set<number>([0, text.length]);
  for (const segment of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text)) {
    boundaries.add(segment.index);
    boundaries.add(segment.index + segment.segment.length);
  }
  return boundaries;
};

/** A cut at `position` keeps every URL, hashtag and mention whole and falls on a word or entity boundary. */
function isSafeCut(text: string, position: number): boolean {
  if (position === text.length) return true;
  const entities = twitterText.extractEntitiesWithIndices(text);
  const splitsEntity = entities.some(({ indices: [start, end] }) => start < position && position < end);
  const isEntityEdge = entities.some(({ indices: [start, end] }) => position === start || position === end);
  return !splitsEntity && (isEntityEdge || wordBoundaries(text).has(position));
}

describe('truncateText', () => {
  it('returns text that fits unchanged', () => {
    expect(truncateText('Hello 👋', 280, { counter: 'weighted' })).toBe('Hello 👋');
  });

  it('cuts between words and adds an ellipsis', () => {
    expect(truncateText('Hand-thrown stoneware mug', 18, { counter: 'codePoints' })).toBe('Hand-thrown…');
    expect(truncateText('one two three', 8, { counter: 'codePoints' }, { ellipsis: '' })).toBe('one two');
  });

  it('never cuts a URL or a hashtag', () => {
    const text = 'Buy it https://example.com/a/very/long/path #handmadegoods';
    const result = truncateText(text, 40, { counter: 'codePoints' });
    expect(result).toBe('Buy it…');
    expect(truncateText(text, 32, { counter: 'weighted' })).toBe(
      'Buy it https://example.com/a/very/long/path…',
    );
  });

  it('never splits an emoji sequence, even on X where the ellipsis weighs 2', () => {
    const family = '👨‍👩‍👧‍👦';
    expect(truncateText(`${family} ${family} ${family}`, 5, { counter: 'weighted' })).toBe(`${family}…`);
  });

  it('leaves the ellipsis out where it does not fit', () => {
    expect(truncateText('ab cd', 2, { counter: 'codePoints' })).toBe('ab');
  });

  it('returns nothing for a single over-long word unless asked to break it between graphemes', () => {
    const word = 'Supercalifragilistic👍🏽';
    expect(truncateText(word, 10, { counter: 'codePoints' })).toBe('');
    expect(truncateText(word, 10, { counter: 'codePoints' }, { breakLongWords: true })).toBe('Supercali…');
    expect(truncateText('👍🏽👍🏽👍🏽', 4, { counter: 'codePoints' }, { breakLongWords: true })).toBe('👍🏽…');
  });

  it('for arbitrary text and limits: fits, is a prefix cut at a safe place, ellipsis only after a cut', () => {
    fc.assert(
      fc.property(
        productText,
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom(...LIMITS),
        (text, max, limit) => {
          const result = truncateText(text, max, limit);
          expect(measureText(result, limit)).toBeLessThanOrEqual(max);
          if (measureText(text, limit) <= max) {
            expect(result).toBe(text);
            return;
          }
          const kept = result.endsWith(ELLIPSIS) ? result.slice(0, -ELLIPSIS.length) : result;
          expect(text.startsWith(kept)).toBe(true);
          expect(isSafeCut(text, kept.length)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
