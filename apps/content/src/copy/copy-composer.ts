import type { CopyItemView, CopySource } from '@app/contracts';
import {
  checkPost,
  composePost,
  extractHashtags,
  findUrls,
  type Platform,
  type PlatformRules,
  rulesFor,
  type ShortLinkSwap,
  truncateText,
  type TitleRules,
  type Violation,
  withHashtagMax,
} from '@app/platform-rules';
import type { CopyDraft } from './copy-draft.js';
import { listingTags } from './listing-tags.js';

/** What every item of a set shares, whatever wrote its draft. */
export interface ComposeContext {
  platform: Platform;
  variant: number;
  source: CopySource;
  /** The product's link; placed in the text where the platform links it. */
  link: string | null;
  /** Required on affiliate products; placed where the platform shows it and never shortened. */
  disclosure?: string;
  /** Hashtags best first; the platform keeps as many as fit. */
  hashtags: readonly string[];
  /** Most hashtags wanted (the request's `max` or the platform's usual number). */
  hashtagTarget: number;
  tagCandidates: readonly string[];
  /** A stand-in of the tracked short link that publishing puts in place of the product's link. */
  trackedLinkExample: string;
  instagramHashtagCap: number;
  warnings?: string[];
}

// Platforms whose text is not where a link goes: captions that do not link, and listings with a link field.
const NO_LINK_IN_TEXT: ReadonlySet<Platform> = new Set(['instagram', 'tiktok', 'pinterest', 'etsy']);
// Product posts carry a photo, so Telegram text is a media caption (1,024).
const HAS_MEDIA = true;

/** The platform's rules as copy applies them (Instagram's configured hashtag cap). */
export function copyRules(platform: Platform, instagramHashtagCap: number): PlatformRules {
  const rules = rulesFor(platform);
  return platform === 'instagram' ? withHashtagMax(rules, instagramHashtagCap) : rules;
}

// Where the platform shortens every link it recognises (X, Mastodon), the tracked link is counted as a link it
// recognises even when LINK_BASE_URL's host is not one (X does not link `localhost`; a deployed Shopcast has a domain).
const RECOGNISED_LINK = 'https://shopcast.io/l/xxxxxxxx';

/** A stand-in of the tracked link as the platform will count it. */
export function countedLinkFor(rules: PlatformRules, trackedLinkExample: string): string {
  if (rules.text.urlLength === undefined) return trackedLinkExample;
  return findUrls(trackedLinkExample)[0]?.url === trackedLinkExample ? trackedLinkExample : RECOGNISED_LINK;
}

/**
 * The tracked link a product's copy is published with: it replaces the product's link (`link`) where the text
 * has it, and else the text's first URL, as publishing decides.
 */
export function shortLinkFor(
  rules: PlatformRules,
  trackedLinkExample: string,
  link: string | null,
): ShortLinkSwap {
  return { shortLink: countedLinkFor(rules, trackedLinkExample), destination: link };
}

/**
 * Fits a draft to its platform: body, link, disclosure and hashtags laid out within the length and
 * hashtag cap, title and alt text shortened safely, listing tags fitted; then checks the result. Anything
 * that still breaks a rule is named in `warnings`.
 */
export function composeItem(draft: CopyDraft, context: ComposeContext): CopyItemView {
  const rules = copyRules(context.platform, context.instagramHashtagCap);
  const shortLink = shortLinkFor(rules, context.trackedLinkExample, context.link);
  const target = Math.min(context.hashtagTarget, rules.hashtagMax ?? Number.POSITIVE_INFINITY);
  const composed = composePost(
    {
      body: draft.body,
      link: context.link && !NO_LINK_IN_TEXT.has(context.platform) ? context.link : undefined,
      disclosure: context.disclosure,
      hashtags: context.hashtags.slice(0, Math.max(0, target)),
    },
    rules,
    { hasMedia: HAS_MEDIA, shortLink },
  );
  const title = rules.title && draft.title !== undefined ? fitTitle(draft.title, rules.title) : undefined;
  const altText =
    rules.altText && draft.altText !== undefined
      ? truncateText(draft.altText, rules.altText.max, rules.altText)
      : undefined;
  const tags = listingTags(context.platform, [...(draft.tags ?? []), ...context.tagCandidates]);
  const item = { title, text: composed.text, altText, tags };
  const check = checkPost(item, rules, { hasMedia: HAS_MEDIA, shortLink, disclosure: context.disclosure });
  const warnings = [...(context.warnings ?? [])];
  if (composed.isShortened) warnings.push(`Shortened to fit ${rules.label}'s limits`);
  warnings.push(...check.violations.map((violation) => violation.message));
  return {
    platform: context.platform,
    variant: context.variant,
    ...(title !== undefined && { title }),
    text: composed.text,
    hashtags: composed.hashtags,
    ...(altText !== undefined && { altText }),
    ...(tags !== undefined && { tags }),
    warnings,
    metrics: check.metrics,
    source: context.source,
    isEdited: false,
  };
}

/**
 * Re-checks an item a user edited; violations name the rule each edit broke. The product's link is not known
 * here, so the tracked link is counted in place of the text's first URL, as publishing does without one.
 */
export function checkEditedItem(
  item: CopyItemView,
  disclosure: string | undefined,
  context: Pick<ComposeContext, 'trackedLinkExample' | 'instagramHashtagCap'>,
): { item: CopyItemView; violations: Violation[] } {
  const rules = copyRules(item.platform, context.instagramHashtagCap);
  const shortLink = shortLinkFor(rules, context.trackedLinkExample, null);
  const check = checkPost(item, rules, { hasMedia: HAS_MEDIA, shortLink, disclosure });
  const edited: CopyItemView = {
    ...item,
    hashtags: extractHashtags(item.text),
    metrics: check.metrics,
    warnings: [],
    isEdited: true,
  };
  return { item: edited, violations: check.violations };
}

/** A title without the characters the platform forbids, each once-only character kept once, shortened safely. */
export function fitTitle(title: string, rule: TitleRules): string {
  let result = title;
  if (rule.forbidden)
    result = result.replace(
      new RegExp(rule.forbidden.source, `${rule.forbidden.flags.replace('g', '')}g`),
      '',
    );
  for (const character of rule.atMostOnce ?? '') {
    const first = result.indexOf(character);
    if (first >= 0)
      result =
        result.slice(0, first + 1) +
        result
          .slice(first + 1)
          .split(character)
          .join('');
  }
  result = result.replace(/\s+/gu, ' ').trim();
  return truncateText(result, rule.max, rule);
}
