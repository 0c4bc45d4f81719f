import fc from 'fast-check';
import twitterText from 'twitter-text';
import type { Platform } from '../src/platforms.js';

// Each platform's length rule written out from its documentation, without the counting code the rules use:
// twitter-text for X (X's own library), Intl.Segmenter for Bluesky, the JavaScript string for UTF-16 units and code
// points, UTF-8 bytes for YouTube and for Threads' emoji.
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const graphemes = (text: string) => Array.from(segmenter.segment(text)).length;
const codePoints = (text: string) => Array.from(text).length;
const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3|\ufe0f/u;
/** Threads: "Text posts are limited to 500 characters. Emojis are counted as the number of UTF-8 bytes." */
const threadsLength = (text: string) =>
  Array.from(segmenter.segment(text), ({ segment }) =>
    EMOJI.test(segment) ? utf8Bytes(segment) : codePoints(segment),
  ).reduce((sum, length) => sum + length, 0);
/** Mastodon: code points, every URL 23 (Mastodon finds URLs as twitter-text does). */
const mastodonLength = (text: string) =>
  twitterText
    .extractUrlsWithIndices(text)
    .reduce(
      (length, { indices: [start, end] }) => length - codePoints(text.slice(start, end)) + 23,
      codePoints(text),
    );

/** Each platform's limit on a post's text and how it counts it (Telegram: a caption, as posts carry a photo). */
export const PLATFORM_TEXT_LIMITS: Record<Platform, { max: number; length: (text: string) => number }> = {
  x: { max: 280, length: (text) => twitterText.parseTweet(text).weightedLength },
  instagram: { max: 2200, length: codePoints },
  tiktok: { max: 2200, length: (text) => text.length },
  facebook: { max: 63206, length: codePoints },
  pinterest: { max: 800, length: codePoints },
  linkedin: { max: 3000, length: codePoints },
  threads: { max: 500, length: threadsLength },
  bluesky: { max: 300, length: graphemes },
  mastodon: { max: 500, length: mastodonLength },
  youtube: { max: 5000, length: utf8Bytes },
  etsy: { max: 65535, length: codePoints },
  telegram: { max: 1024, length: (text) => text.length },
};

/** Titles: code points (Pinterest, YouTube, Etsy). */
export const PLATFORM_TITLE_MAX: Partial<Record<Platform, number>> = {
  pinterest: 100,
  youtube: 100,
  etsy: 140,
};
export const countCodePoints = codePoints;

/** Words that count differently on each platform: emoji sequences, flags, CJK, RTL, combining marks, URLs. */
export const trickyWord = fc.oneof(
  fc.constantFrom(
    '👨‍👩‍👧‍👦',
    '👩🏽‍💻',
    '👍🏿',
    '🧑🏻‍🤝‍🧑🏾',
    '🏳️‍🌈',
    '🇯🇵',
    '🇺🇦🇫🇷',
    '❤️',
    '1️⃣',
    '手作りのマグカップ',
    '非常好用的杯子',
    '안녕하세요',
    'e\u0301\u0323',
    'Z\u0351\u0352\u0353',
    'مصنوع يدويا بعناية',
    'עבודת יד',
    '\u202Eabc\u202C',
    'ผลิตภัณฑ์',
    'https://example.com/a/very/long/path/that/goes/on?with=query&and=more',
    'http://rbyf18.wnw/mt',
    'http://a.co',
    'example.com',
    '#handmade',
    '@maker',
    'x'.repeat(120),
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
);

/** Text of up to `maxWords` tricky words and separators; `size` 'max' draws any length up to it, not mostly short ones. */
export const trickyText = (maxWords: number, size: fc.SizeForArbitrary = 'small') =>
  fc
    .array(fc.tuple(trickyWord, fc.constantFrom(' ', ' ', '\n', ', ', '')), {
      minLength: 1,
      maxLength: maxWords,
      size,
    })
    .map(
      (parts) =>
        parts
          .map(([word, separator]) => word + separator)
          .join('')
          .trim() || 'Mug',
    );
