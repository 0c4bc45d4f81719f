import { extractHashtags, formatHashtags, unhashtag } from './hashtags.js';
import { measureText, type ShortLinkSwap } from './measure.js';
import { type PlatformRules, textMax } from './platforms.js';
import { createTruncator } from './truncate.js';

export interface PostParts {
  /** The message itself; any `#` in it is removed so hashtags come only from `hashtags`. */
  body: string;
  /** Appended on its own line, never shortened. */
  link?: string;
  /** Placed where the platform shows it (rules.disclosurePlacement), never shortened. */
  disclosure?: string;
  /** Hashtag bodies without `#`, best first; the ones that fit the cap and the length are kept. */
  hashtags?: readonly string[];
}

export interface ComposeOptions {
  /** The text is a media caption (Telegram's 1,024 instead of 4,096). */
  hasMedia?: boolean;
  /** The tracked link the post is published with: counted in place of its destination. */
  shortLink?: ShortLinkSwap;
}

export interface ComposedPost {
  text: string;
  /** The hashtags that made it into the text. */
  hashtags: string[];
  /** True when the body was shortened or hashtags were left out to fit. */
  isShortened: boolean;
}

const PARAGRAPH = '\n\n';

/**
 * Lays out body, link, hashtags and disclosure for a platform within its length and hashtag cap: the
 * link and disclosure are kept whole, then as many hashtags as fit while the body keeps at least half
 * its length, then the body is shortened safely (truncateText). The result fits unless the link and
 * disclosure alone are too long; checkPost reports that.
 */
export function composePost(
  parts: PostParts,
  rules: PlatformRules,
  options: ComposeOptions = {},
): ComposedPost {
  const body = unhashtag(parts.body).trim();
  const limit = {
    counter: rules.text.counter,
    urlLength: rules.text.urlLength,
    shortLink: options.shortLink,
  };
  const max = textMax(rules, options.hasMedia);
  const reserved = parts.disclosure ? extractHashtags(parts.disclosure).length : 0;
  const cap = Math.max(0, (rules.hashtagMax ?? Number.POSITIVE_INFINITY) - reserved);
  const candidates = (parts.hashtags ?? []).slice(0, Math.min(cap, parts.hashtags?.length ?? 0));
  const truncate = createTruncator(body, limit);
  const fit = (hashtags: readonly string[]) =>
    fitBody(truncate, (text) => assemble(text, parts, hashtags, rules), max, limit);
  // Hashtags may take room from the body, but never more than half of what it keeps without them.
  const bodyWithoutTags = measureText(fit([]), limit);

  for (let count = candidates.length; count >= 0; count -= 1) {
    const hashtags = candidates.slice(0, count);
    const fitted = fit(hashtags);
    const layout = assemble(fitted, parts, hashtags, rules);
    const keepsEnough = measureText(fitted, limit) * 2 >= bodyWithoutTags;
    if (count === 0 || (keepsEnough && measureText(layout, limit) <= max)) {
      return {
        text: layout,
        hashtags,
        isShortened: fitted !== body || count < (parts.hashtags?.length ?? 0),
      };
    }
  }
  // Unreachable: count 0 always returns.
  throw new Error('composePost: no layout');
}

function fitBody(
  truncate: (max: number) => string,
  layout: (body: string) => string,
  max: number,
  limit: Parameters<typeof measureText>[1],
): string {
  let budget = max - measureText(layout(''), limit);
  let fitted = truncate(Math.max(0, budget));
  // The body alone can count differently from the body in the post (pieces joined, or which URL the tracked link
  // replaces); shrink by the overflow until it fits. The budget falls on every round, so this ends.
  for (let overflow = measureText(layout(fitted), limit) - max; fitted !== '' && overflow > 0;) {
    budget -= overflow;
    fitted = truncate(Math.max(0, budget));
    overflow = measureText(layout(fitted), limit) - max;
  }
  return fitted;
}

function assemble(body: string, parts: PostParts, hashtags: readonly string[], rules: PlatformRules): string {
  const tagLine = hashtags.length > 0 ? formatHashtags(hashtags) : '';
  const disclosure = parts.disclosure?.trim() ?? '';
  const atStart = rules.disclosurePlacement === 'start';
  const blocks = [atStart ? disclosure : '', body, parts.link ?? '', tagLine, atStart ? '' : disclosure];
  return blocks.filter((block) => block !== '').join(PARAGRAPH);
}
