import { extractHashtags } from './hashtags.js';
import { countUnits, measureText, type ShortLinkSwap } from './measure.js';
import type { PlatformRules, TagRules, TitleRules } from './platforms.js';
import { textMax } from './platforms.js';

/** Everything a post may carry; only the fields a platform uses are checked. */
export interface PostFields {
  text: string;
  title?: string;
  altText?: string;
  tags?: readonly string[];
}

export interface CheckOptions {
  hasMedia?: boolean;
  /** The tracked link the post is published with: counted in place of its destination. */
  shortLink?: ShortLinkSwap;
  /** When set, the text must contain it. */
  disclosure?: string;
}

/** A broken rule: `rule` is a stable name such as `x.text.max` or `etsy.tags.maxLength`. */
export interface Violation {
  rule: string;
  field: 'text' | 'title' | 'altText' | 'tags';
  message: string;
  limit?: number;
  actual?: number;
}

export interface PostMetrics {
  length: number;
  limit: number;
  hashtagCount: number;
  hashtagLimit: number | null;
  titleLength?: number;
  titleLimit?: number;
  altTextLength?: number;
  altTextLimit?: number;
  tagCount?: number;
  tagsLength?: number;
}

export interface PostCheck {
  metrics: PostMetrics;
  violations: Violation[];
}

/** Measures a post as the platform counts it and lists every rule it breaks (none: it can be posted). */
export function checkPost(post: PostFields, rules: PlatformRules, options: CheckOptions = {}): PostCheck {
  const p = rules.platform;
  const violations: Violation[] = [];
  const limit = textMax(rules, options.hasMedia);
  const length = measureText(post.text, { ...rules.text, shortLink: options.shortLink });
  const hashtagCount = extractHashtags(post.text).length;
  const metrics: PostMetrics = { length, limit, hashtagCount, hashtagLimit: rules.hashtagMax ?? null };

  if (length > limit) {
    violations.push({
      rule: `${p}.text.max`,
      field: 'text',
      limit,
      actual: length,
      message: `${rules.label} allows ${limit} ${unitName(rules)}; this text has ${length}`,
    });
  }
  if (rules.hashtagMax !== undefined && hashtagCount > rules.hashtagMax) {
    violations.push({
      rule: `${p}.hashtags.max`,
      field: 'text',
      limit: rules.hashtagMax,
      actual: hashtagCount,
      message: `${rules.label} allows ${rules.hashtagMax} hashtags; this text has ${hashtagCount}`,
    });
  }
  if (options.disclosure && !post.text.includes(options.disclosure.trim())) {
    violations.push({
      rule: `${p}.disclosure.missing`,
      field: 'text',
      message: `The text must keep the disclosure "${options.disclosure.trim()}"`,
    });
  }
  if (rules.title && post.title !== undefined) {
    Object.assign(metrics, {
      titleLength: countUnits(post.title, 'codePoints'),
      titleLimit: rules.title.max,
    });
    violations.push(...checkTitle(post.title, rules.title, rules));
  }
  if (rules.altText && post.altText !== undefined) {
    const altLength = measureText(post.altText, rules.altText);
    Object.assign(metrics, { altTextLength: altLength, altTextLimit: rules.altText.max });
    if (altLength > rules.altText.max) {
      violations.push({
        rule: `${p}.altText.max`,
        field: 'altText',
        limit: rules.altText.max,
        actual: altLength,
        message: `${rules.label} alt text allows ${rules.altText.max} characters; this has ${altLength}`,
      });
    }
  }
  if (rules.tags && post.tags !== undefined) {
    Object.assign(metrics, { tagCount: post.tags.length, tagsLength: measureTags(post.tags) });
    violations.push(...checkTags(post.tags, rules.tags, rules));
  }
  return { metrics, violations };
}

/** All tags as YouTube counts them: each tag's characters, a comma between tags, quotes around a tag with a space. */
export function measureTags(tags: readonly string[]): number {
  const characters = tags.reduce(
    (sum, tag) => sum + countUnits(tag, 'codePoints') + (/\s/u.test(tag) ? 2 : 0),
    0,
  );
  return characters + Math.max(0, tags.length - 1);
}

function checkTitle(title: string, rule: TitleRules, rules: PlatformRules): Violation[] {
  const p = rules.platform;
  const violations: Violation[] = [];
  const length = measureText(title, rule);
  if (length > rule.max) {
    violations.push({
      rule: `${p}.title.max`,
      field: 'title',
      limit: rule.max,
      actual: length,
      message: `${rules.label} titles allow ${rule.max} characters; this has ${length}`,
    });
  }
  const forbidden = rule.forbidden
    ? title.match(new RegExp(rule.forbidden.source, `${rule.forbidden.flags}g`))
    : null;
  if (forbidden) {
    violations.push({
      rule: `${p}.title.characters`,
      field: 'title',
      message: `${rules.label} titles cannot contain ${[...new Set(forbidden)].map((c) => `"${c}"`).join(', ')}`,
    });
  }
  for (const character of rule.atMostOnce ?? '') {
    const count = title.split(character).length - 1;
    if (count > 1) {
      violations.push({
        rule: `${p}.title.repeated`,
        field: 'title',
        limit: 1,
        actual: count,
        message: `${rules.label} titles may contain "${character}" only once`,
      });
    }
  }
  return violations;
}

function checkTags(tags: readonly string[], rule: TagRules, rules: PlatformRules): Violation[] {
  const p = rules.platform;
  const violations: Violation[] = [];
  if (rule.maxCount !== undefined && tags.length > rule.maxCount) {
    violations.push({
      rule: `${p}.tags.maxCount`,
      field: 'tags',
      limit: rule.maxCount,
      actual: tags.length,
      message: `${rules.label} allows ${rule.maxCount} tags; there are ${tags.length}`,
    });
  }
  for (const tag of tags) {
    const length = countUnits(tag, 'codePoints');
    if (rule.maxLength !== undefined && length > rule.maxLength) {
      violations.push({
        rule: `${p}.tags.maxLength`,
        field: 'tags',
        limit: rule.maxLength,
        actual: length,
        message: `${rules.label} tags allow ${rule.maxLength} characters; "${tag}" has ${length}`,
      });
    }
    if (
      (rule.forbidden && rule.forbidden.test(tag)) ||
      (rule.forbiddenStart && rule.forbiddenStart.includes(tag[0] ?? ''))
    ) {
      violations.push({
        rule: `${p}.tags.characters`,
        field: 'tags',
        message: `${rules.label} tag "${tag}" has a character it does not allow`,
      });
    }
  }
  const total = measureTags(tags);
  if (rule.maxTotal !== undefined && total > rule.maxTotal) {
    violations.push({
      rule: `${p}.tags.maxTotal`,
      field: 'tags',
      limit: rule.maxTotal,
      actual: total,
      message: `${rules.label} allows ${rule.maxTotal} characters of tags in all; there are ${total}`,
    });
  }
  return violations;
}

function unitName(rules: PlatformRules): string {
  switch (rules.text.counter) {
    case 'weighted':
      return 'weighted characters';
    case 'graphemes':
      return 'characters (graphemes)';
    case 'utf8Bytes':
      return 'bytes (UTF-8)';
    case 'emojiBytes':
      return 'characters (an emoji counts its UTF-8 bytes)';
    default:
      return 'characters';
  }
}
