/** Every platform Shopcast writes copy for. */
export const PLATFORMS = [
  'x',
  'instagram',
  'tiktok',
  'facebook',
  'pinterest',
  'linkedin',
  'threads',
  'bluesky',
  'mastodon',
  'youtube',
  'etsy',
  'telegram',
] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Whether a name (a connection's platform, say) is one these rules know. */
export function isPlatform(value: unknown): value is Platform {
  return typeof value === 'string' && (PLATFORMS as readonly string[]).includes(value);
}

/**
 * How a platform counts the length of a text:
 * - `weighted`: X's weighted length from twitter-text (most scripts 1, CJK and emoji 2, every URL 23);
 * - `codePoints`: Unicode code points (an emoji like 👍🏽 is 2);
 * - `utf16`: UTF-16 code units, as JavaScript's `length` (TikTok's "runes");
 * - `graphemes`: user-perceived characters (Intl.Segmenter), as Bluesky counts;
 * - `utf8Bytes`: bytes of the UTF-8 encoding, as YouTube counts a description;
 * - `emojiBytes`: code points, except that an emoji counts as the bytes of its UTF-8 encoding, as Threads says it
 *   counts (👍 is 4, 👍🏽 8, a ZWJ family 25).
 */
export type Counter = 'weighted' | 'codePoints' | 'utf16' | 'graphemes' | 'utf8Bytes' | 'emojiBytes';

export interface TextLimit {
  max: number;
  counter: Counter;
  /** Every URL counts this many units whatever its length (X and Mastodon: 23). */
  urlLength?: number;
}

export interface TagRules {
  maxCount?: number;
  maxLength?: number;
  /** All tags together, counted as YouTube does (see measureTags). */
  maxTotal?: number;
  /** Finds a character a tag may not contain. */
  forbidden?: RegExp;
  /** Characters a tag may not start with. */
  forbiddenStart?: string;
}

export interface TitleRules extends TextLimit {
  /** Finds a character a title may not contain. */
  forbidden?: RegExp;
  /** Characters that may appear at most once each. */
  atMostOnce?: string;
}

/** Where a disclosure goes so that a reader sees it: before the "more" fold, or anywhere in a short post. */
export type DisclosurePlacement = 'start' | 'end';

/** One platform's text rules; the single source for copy, previews and publishing. */
export interface PlatformRules {
  platform: Platform;
  label: string;
  /** The caption, post text or description. */
  text: TextLimit;
  /** A shorter limit that applies when the text is a media caption (Telegram). */
  mediaCaptionMax?: number;
  title?: TitleRules;
  altText?: TextLimit;
  tags?: TagRules;
  /** Hard cap on hashtags in the text; undefined when the platform sets none. */
  hashtagMax?: number;
  /** How many hashtags generated copy uses by default (within hashtagMax). */
  hashtagTarget: number;
  disclosurePlacement: DisclosurePlacement;
}

const ETSY_TITLE_FORBIDDEN = /[^\p{L}\p{Nd}\p{P}\p{Sm}\p{Zs}™©®]/u;
const ETSY_TAG_FORBIDDEN = /[^\p{L}\p{Nd}\p{Zs}\-'™©®]/u;

/**
 * The table. Source: each platform's developer documentation (and twitter-text's config for X). Where a platform
 * does not say how it counts, code points are used (never fewer than a user would see).
 */
export const PLATFORM_RULES: Readonly<Record<Platform, PlatformRules>> = {
  x: {
    platform: 'x',
    label: 'X',
    text: { max: 280, counter: 'weighted', urlLength: 23 },
    hashtagTarget: 2,
    disclosurePlacement: 'end',
  },
  instagram: {
    platform: 'instagram',
    label: 'Instagram',
    text: { max: 2200, counter: 'codePoints' },
    // 30 is the historical hard cap; newer guidance says 5 (use withHashtagMax to apply it).
    hashtagMax: 30,
    hashtagTarget: 5,
    disclosurePlacement: 'start',
  },
  tiktok: {
    platform: 'tiktok',
    label: 'TikTok',
    text: { max: 2200, counter: 'utf16' },
    hashtagTarget: 5,
    disclosurePlacement: 'start',
  },
  facebook: {
    platform: 'facebook',
    label: 'Facebook',
    text: { max: 63206, counter: 'codePoints' },
    hashtagTarget: 3,
    disclosurePlacement: 'start',
  },
  pinterest: {
    platform: 'pinterest',
    label: 'Pinterest',
    text: { max: 800, counter: 'codePoints' },
    title: { max: 100, counter: 'codePoints' },
    altText: { max: 500, counter: 'codePoints' },
    hashtagTarget: 5,
    disclosurePlacement: 'start',
  },
  linkedin: {
    platform: 'linkedin',
    label: 'LinkedIn',
    text: { max: 3000, counter: 'codePoints' },
    hashtagTarget: 3,
    disclosurePlacement: 'start',
  },
  threads: {
    platform: 'threads',
    label: 'Threads',
    // Threads' posts documentation: "Text posts are limited to 500 characters. Emojis are counted as the number
    // of UTF-8 bytes."
    text: { max: 500, counter: 'emojiBytes' },
    // Threads turns one tag per post into a topic.
    hashtagMax: 1,
    hashtagTarget: 1,
    disclosurePlacement: 'end',
  },
  bluesky: {
    platform: 'bluesky',
    label: 'Bluesky',
    text: { max: 300, counter: 'graphemes' },
    hashtagTarget: 2,
    disclosurePlacement: 'end',
  },
  mastodon: {
    platform: 'mastodon',
    label: 'Mastodon',
    text: { max: 500, counter: 'codePoints', urlLength: 23 },
    hashtagTarget: 3,
    disclosurePlacement: 'end',
  },
  youtube: {
    platform: 'youtube',
    label: 'YouTube',
    text: { max: 5000, counter: 'utf8Bytes' },
    title: { max: 100, counter: 'codePoints', forbidden: /[<>]/ },
    tags: { maxTotal: 500 },
    // With more than 60 hashtags YouTube ignores them all.
    hashtagMax: 60,
    hashtagTarget: 3,
    disclosurePlacement: 'start',
  },
  etsy: {
    platform: 'etsy',
    label: 'Etsy',
    text: { max: 65535, counter: 'codePoints' },
    title: { max: 140, counter: 'codePoints', forbidden: ETSY_TITLE_FORBIDDEN, atMostOnce: '%:&+' },
    tags: { maxCount: 13, maxLength: 20, forbidden: ETSY_TAG_FORBIDDEN, forbiddenStart: "-'" },
    // Etsy has tags, not hashtags.
    hashtagMax: 0,
    hashtagTarget: 0,
    disclosurePlacement: 'start',
  },
  telegram: {
    platform: 'telegram',
    label: 'Telegram',
    text: { max: 4096, counter: 'utf16' },
    mediaCaptionMax: 1024,
    hashtagTarget: 3,
    disclosurePlacement: 'end',
  },
};

/** The rules of one platform. */
export function rulesFor(platform: Platform): PlatformRules {
  return PLATFORM_RULES[platform];
}

/** The rules with a different hashtag cap (Instagram's 30 vs 5); the target never exceeds the cap. */
export function withHashtagMax(rules: PlatformRules, hashtagMax: number): PlatformRules {
  return { ...rules, hashtagMax, hashtagTarget: Math.min(rules.hashtagTarget, hashtagMax) };
}

/** The text limit that applies: a media caption may be shorter than a text post. */
export function textMax(rules: PlatformRules, hasMedia = false): number {
  return hasMedia && rules.mediaCaptionMax !== undefined ? rules.mediaCaptionMax : rules.text.max;
}
