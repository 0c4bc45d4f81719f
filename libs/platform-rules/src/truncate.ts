import twitterText from 'twitter-text';
import { type MeasureLimit, measureText } from './measure.js';

export const ELLIPSIS = '…';

export interface TruncateOptions {
  /** Appended when text was dropped, only if it fits. Default `…`. */
  ellipsis?: string;
  /**
   * When not even the first word fits (a single word longer than the limit), cut that word between
   * graphemes instead of returning an empty string. Never applies to URLs, hashtags or mentions.
   */
  breakLongWords?: boolean;
}

const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const TRAILING_JOINERS = /[\s,;:\-–—/&+]+$/u;

/**
 * The longest start of `text` that fits in `max` units, cut only between words (Intl.Segmenter word
 * boundaries, so CJK cuts between words too), never inside a URL, hashtag, mention, emoji or grapheme;
 * followed by an ellipsis when something was dropped and the ellipsis fits. Fitting text is returned as is.
 */
export function truncateText(
  text: string,
  max: number,
  limit: MeasureLimit,
  options: TruncateOptions = {},
): string {
  return createTruncator(text, limit, options)(max);
}

/**
 * truncateText for one text and many limits: the text is split and measured once, so trying several
 * budgets (as composePost does) costs one measurement of the result each.
 */
export function createTruncator(
  text: string,
  limit: MeasureLimit,
  options: TruncateOptions = {},
): (max: number) => string {
  const ellipsis = options.ellipsis ?? ELLIPSIS;
  const total = measureText(text, limit);
  let split: { pieces: string[]; sums: number[] } | undefined;
  // Split lazily: most texts fit and never need it.
  const pieces = () => (split ??= splitAndSum(text, limit));
  return (max) => {
    if (total <= max) return text;
    const { pieces: all, sums } = pieces();
    const prefix = (count: number) => tidyEnd(all.slice(0, count).join(''));
    const fits = (count: number, tail: string) => {
      const start = prefix(count);
      return start !== '' && measureText(start + tail, limit) <= max;
    };
    const longest = (tail: string) => {
      // Piece sizes add up to about the prefix's size; the real count decides, stepping to the exact cut.
      let count = countWithin(sums, max - measureText(tail, limit), all.length - 1);
      while (count > 0 && !fits(count, tail)) count -= 1;
      while (count < all.length - 1 && fits(count + 1, tail)) count += 1;
      return count > 0 && fits(count, tail) ? prefix(count) + tail : '';
    };
    const withEllipsis = longest(ellipsis);
    if (withEllipsis !== '') return withEllipsis;
    const bare = longest('');
    if (bare !== '') return bare;
    return options.breakLongWords ? breakFirstWord(all[0] ?? '', max, limit, ellipsis) : '';
  };
}

function splitAndSum(text: string, limit: MeasureLimit) {
  const pieces = splitAtSafeBoundaries(text);
  const sizes = estimatedSizes(pieces, limit);
  const sums = [0];
  for (const size of sizes) sums.push(sums.at(-1)! + size);
  return { pieces, sums };
}

/**
 * About how many units each piece adds. Only a guide for where to cut: the cut is then confirmed by
 * measuring the real result, so these can be cheap (one grapheme pass; X weights from its config ranges).
 */
function estimatedSizes(pieces: string[], limit: MeasureLimit): number[] {
  if (limit.counter === 'graphemes') return graphemesPerPiece(pieces);
  if (limit.counter === 'weighted')
    return pieces.map((piece) => (SCHEME_URL.test(piece) ? X_URL_WEIGHT : xWeight(piece)));
  return pieces.map((piece) => measureText(piece, limit));
}

function graphemesPerPiece(pieces: string[]): number[] {
  const sizes = pieces.map(() => 0);
  const ends: number[] = [];
  let offset = 0;
  for (const piece of pieces) ends.push((offset += piece.length));
  let index = 0;
  for (const { index: at } of graphemeSegmenter.segment(pieces.join(''))) {
    while (at >= (ends[index] ?? Number.POSITIVE_INFINITY)) index += 1;
    sizes[index] = (sizes[index] ?? 0) + 1;
  }
  return sizes;
}

const SCHEME_URL = /^https?:\/\//i;
const X_URL_WEIGHT = 23;
// Code point ranges of weight 1 in twitter-text's v3 config (all others weigh 2); an estimate only, twitter-text
// has the last word.
const X_LIGHT_RANGES = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
] as const;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
// Joiners, variation selectors, skin tones and tag characters: parts of an emoji sequence, not emoji.
const EMOJI_MODIFIER = /^(?:\u200d|\ufe0f|\p{Emoji_Modifier}|[\u{e0020}-\u{e007f}])$/u;

/** X's weight of a piece: 1 for code points in the light ranges, 2 otherwise, an emoji sequence 2. */
function xWeight(piece: string): number {
  let weight = 0;
  let isInSequence = false;
  for (const character of piece.normalize('NFC')) {
    if (EMOJI_MODIFIER.test(character)) {
      isInSequence = isInSequence || character === '\u200d';
      continue;
    }
    const isEmoji = EMOJI.test(character);
    // An emoji joined to the previous one by ZWJ is part of the same sequence (weight 2 in all).
    if (isEmoji && isInSequence) {
      isInSequence = false;
      continue;
    }
    isInSequence = false;
    const code = character.codePointAt(0)!;
    const isLight = !isEmoji && X_LIGHT_RANGES.some(([start, end]) => code >= start && code <= end);
    weight += isLight ? 1 : 2;
  }
  return weight;
}

/** The largest count (at most `upper`) whose prefix sum is within `budget`. */
function countWithin(sums: number[], budget: number, upper: number): number {
  let low = 0;
  let high = upper;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((sums[middle] ?? Number.POSITIVE_INFINITY) <= budget) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * Pieces whose boundaries are safe cut points: URLs, hashtags, mentions and cashtags whole, the rest
 * split at word boundaries (a word segment never splits a grapheme cluster).
 */
export function splitAtSafeBoundaries(text: string): string[] {
  const protectedSpans = twitterText
    .extractEntitiesWithIndices(text)
    .map((entity) => entity.indices)
    .sort((a, b) => a[0] - b[0]);
  const pieces: string[] = [];
  let position = 0;
  for (const [start, end] of protectedSpans) {
    if (start < position) continue;
    pieces.push(...words(text.slice(position, start)));
    // A hashtag's `#` sign or a mention's `@` is inside the span: the whole entity is one piece.
    pieces.push(text.slice(start, end));
    position = end;
  }
  pieces.push(...words(text.slice(position)));
  return mergeWordJoiners(pieces);
}

function words(text: string): string[] {
  return Array.from(wordSegmenter.segment(text), (segment) => segment.segment);
}

/**
 * Keeps pieces that must stay together in one: a `#` or `@` with what follows and an apostrophe or
 * hyphen inside a word ("don't", "hand-made") stay whole.
 */
function mergeWordJoiners(pieces: string[]): string[] {
  const merged: string[] = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    if (last !== undefined && joinsWith(last, piece)) merged[merged.length - 1] = last + piece;
    else merged.push(piece);
  }
  return merged;
}

function joinsWith(previous: string, next: string): boolean {
  if (/^\s/u.test(next) || /\s$/u.test(previous)) return false;
  return /[#＃@＠'’-]$/u.test(previous) || /^['’-]/u.test(next);
}

/** The largest count in 1..upper for which `isOk` holds, assuming it holds for every smaller count. */
function longestFitting(upper: number, isOk: (count: number) => boolean): number {
  let low = 0;
  let high = upper;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (isOk(middle)) low = middle;
    else high = middle - 1;
  }
  // Counting is monotone in practice; step down if a boundary case disagrees.
  while (low > 0 && !isOk(low)) low -= 1;
  return low;
}

function tidyEnd(text: string): string {
  return text.replace(TRAILING_JOINERS, '');
}

function breakFirstWord(word: string, max: number, limit: MeasureLimit, ellipsis: string): string {
  if (/^[#＃@＠]|^https?:\/\//iu.test(word)) return '';
  const graphemes = Array.from(graphemeSegmenter.segment(word), (segment) => segment.segment);
  const fits = (count: number, tail: string) =>
    measureText(graphemes.slice(0, count).join('') + tail, limit) <= max;
  const withEllipsis = longestFitting(graphemes.length - 1, (count) => fits(count, ellipsis));
  if (withEllipsis > 0) return graphemes.slice(0, withEllipsis).join('') + ellipsis;
  return graphemes
    .slice(
      0,
      longestFitting(graphemes.length - 1, (count) => fits(count, '')),
    )
    .join('');
}
