import twitterText from 'twitter-text';
import { withShortLink } from './links.js';
import type { Counter, TextLimit } from './platforms.js';

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const utf8 = new TextEncoder();

/** A URL found in a text, with its UTF-16 offsets. */
export interface FoundUrl {
  url: string;
  start: number;
  end: number;
}

/** A tracked link that publishing puts in a text in place of its destination (see withShortLink). */
export interface ShortLinkSwap {
  /** The short link, or a stand-in exactly as long. */
  shortLink: string;
  /** The URL it leads to (a product's); when the text does not contain it, its first http(s) URL is replaced. */
  destination?: string | null;
}

/** How to count a text: the platform's counter and link length, and the tracked link it will be published with. */
export interface MeasureLimit extends Pick<TextLimit, 'counter' | 'urlLength'> {
  shortLink?: ShortLinkSwap;
}

/**
 * The length of `text` as a platform counts it once published: with the tracked link in place of its
 * destination (when `shortLink` is set), by the platform's counter, and with every URL counted as `urlLength`
 * units when the platform shortens links (X's weighted counting always does: 23).
 */
export function measureText(text: string, limit: MeasureLimit): number {
  if (limit.shortLink)
    return measureText(withShortLink(text, limit.shortLink), { ...limit, shortLink: undefined });
  if (limit.counter === 'weighted') return weightedLength(text, limit.urlLength);
  if (limit.urlLength === undefined) return countUnits(text, limit.counter);
  let length = countUnits(text, limit.counter);
  for (const found of findUrls(text)) {
    length += limit.urlLength - countUnits(found.url, limit.counter);
  }
  return length;
}

/** X's weighted length (twitter-text v3: most scripts 1, CJK and emoji 2, every URL `urlLength`, default 23). */
export function weightedLength(text: string, urlLength?: number): number {
  if (urlLength === undefined) return twitterText.parseTweet(text).weightedLength;
  return twitterText.parseTweet(text, { ...TWITTER_DEFAULTS, transformedURLLength: urlLength })
    .weightedLength;
}

// The v3 defaults parseTweet uses; @types/twitter-text does not declare `configs`.
const TWITTER_DEFAULTS = (twitterText as unknown as { configs: { defaults: object } }).configs.defaults;

/** User-perceived characters: a flag, a family emoji or a letter with its accents is one. */
/**
 * User-perceived characters (Intl.Segmenter). Segmenting is slow, so only non-ASCII runs are segmented:
 * no ASCII character joins a grapheme with what precedes it, except LF after CR.
 */
export function graphemeCount(text: string): number {
  let count = 0;
  let position = 0;
  for (const match of text.matchAll(NON_ASCII_RUN)) {
    count += asciiGraphemes(text.slice(position, match.index));
    // With the ASCII character before it, so a leading combining mark joins that character as it should.
    const before = match.index > 0 ? text[match.index - 1]! : '';
    count += segmentCount(before + match[0]) - (before === '' ? 0 : 1);
    position = match.index + match[0].length;
  }
  return count + asciiGraphemes(text.slice(position));
}

const NON_ASCII_RUN = /[^\p{ASCII}]+/gu;
const NON_ASCII = /[^\p{ASCII}]/u;

function asciiGraphemes(ascii: string): number {
  let crlf = 0;
  for (let index = ascii.indexOf('\r\n'); index !== -1; index = ascii.indexOf('\r\n', index + 2)) crlf += 1;
  return ascii.length - crlf;
}

function segmentCount(text: string): number {
  let count = 0;
  for (const _ of graphemeSegmenter.segment(text)) count += 1;
  return count;
}

// A grapheme with one of these is an emoji: a pictograph, a flag, a keycap (1️⃣) or a character shown as emoji (❤️).
const EMOJI_PART = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3|\ufe0f/u;

/** Code points, with each emoji counted as its UTF-8 bytes (Threads). */
export function emojiByteCount(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  let count = 0;
  for (const { segment } of graphemeSegmenter.segment(text)) {
    count += EMOJI_PART.test(segment) ? utf8.encode(segment).length : codePointCount(segment);
  }
  return count;
}

/** Unicode code points (an astral emoji is 1, a skin-toned one 2). */
export function codePointCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** The length of `text` in the counter's unit, with no URL shortening. */
export function countUnits(text: string, counter: Counter): number {
  switch (counter) {
    case 'weighted':
      return weightedLength(text);
    case 'codePoints':
      return codePointCount(text);
    case 'utf16':
      return text.length;
    case 'graphemes':
      return graphemeCount(text);
    case 'utf8Bytes':
      return utf8.encode(text).length;
    case 'emojiBytes':
      return emojiByteCount(text);
  }
}

/** The URLs in a text, found the way X finds them (with a scheme, or a bare domain such as example.com). */
export function findUrls(text: string): FoundUrl[] {
  return twitterText.extractUrlsWithIndices(text).map((entity) => ({
    url: entity.url,
    start: entity.indices[0],
    end: entity.indices[1],
  }));
}
