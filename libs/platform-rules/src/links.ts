import type { FoundUrl, ShortLinkSwap } from './measure.js';

const HTTP_URL_IN_TEXT = /https?:\/\/[^\s<>"']+/gi;
// Sentence punctuation right after a URL is not part of it.
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

/** The http(s) URLs written in a text with their scheme (bare domains are not), in order, with their offsets. */
export function findHttpUrls(text: string): FoundUrl[] {
  const found: FoundUrl[] = [];
  for (const match of text.matchAll(HTTP_URL_IN_TEXT)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, '');
    found.push({ url, start: match.index, end: match.index + url.length });
  }
  return found;
}

/** Whether a value is an absolute http or https URL. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Whether two URLs lead to the same place once parsed (`HTTPS://Shop.example` is `https://shop.example/`). */
export function isSameUrl(a: string, b: string): boolean {
  return normalised(a) === normalised(b);
}

/** `text` with every http(s) URL that is the same as `url` replaced by `replacement`; other URLs stay as written. */
export function replaceHttpUrl(text: string, url: string, replacement: string): string {
  let result = '';
  let position = 0;
  for (const found of findHttpUrls(text)) {
    if (!isSameUrl(found.url, url)) continue;
    result += text.slice(position, found.start) + replacement;
    position = found.end;
  }
  return result + text.slice(position);
}

/**
 * `text` as published with a tracked link, as the platform service decides it: every occurrence of the
 * destination becomes the short link or, when the text does not contain the destination, every occurrence of
 * its first http(s) URL does. Other URLs stay as written.
 */
export function withShortLink(text: string, { shortLink, destination }: ShortLinkSwap): string {
  const urls = findHttpUrls(text).map((found) => found.url);
  const replaced = destination && urls.some((url) => isSameUrl(url, destination)) ? destination : urls[0];
  return replaced === undefined ? text : replaceHttpUrl(text, replaced, shortLink);
}

function normalised(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}
