import { extractHashtags, normaliseHashtag, type Platform } from '@app/platform-rules';
import type { CopyDraft } from '../copy-draft.js';

/** The model's answer could not be used; `reason` says why in words safe to show. */
export class InvalidAiAnswerError extends Error {}

interface AnswerItem {
  platform?: unknown;
  variant?: unknown;
  title?: unknown;
  text?: unknown;
  hashtags?: unknown;
  altText?: unknown;
  tags?: unknown;
}

/** Key of a draft in the parsed answer. */
export function draftKey(platform: Platform, variant: number): string {
  return `${platform}#${variant}`;
}

/**
 * Reads the model's JSON, one draft per platform and variant. Repairs what it can (trims, moves hashtags
 * out of the text, normalises them, drops non-strings); rejects an answer that is not JSON, misses a
 * platform or variant, or has an empty text.
 */
export function parseAiAnswer(
  content: string | null | undefined,
  platforms: readonly Platform[],
  variants: number,
): Map<string, CopyDraft> {
  const items = answerItems(content);
  const drafts = new Map<string, CopyDraft>();
  for (const item of items) {
    if (typeof item.platform !== 'string' || typeof item.variant !== 'number') continue;
    const key = draftKey(item.platform as Platform, item.variant);
    const draft = repair(item);
    if (draft && !drafts.has(key)) drafts.set(key, draft);
  }
  for (const platform of platforms) {
    for (let variant = 1; variant <= variants; variant += 1) {
      if (!drafts.has(draftKey(platform, variant))) {
        throw new InvalidAiAnswerError(`the answer has no usable ${platform} variant ${variant}`);
      }
    }
  }
  return drafts;
}

function answerItems(content: string | null | undefined): AnswerItem[] {
  if (!content) throw new InvalidAiAnswerError('the answer is empty');
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw new InvalidAiAnswerError('the answer is not JSON');
  }
  const items = (parsed as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) throw new InvalidAiAnswerError('the answer has no items list');
  return items.filter((item): item is AnswerItem => typeof item === 'object' && item !== null);
}

function repair(item: AnswerItem): CopyDraft | null {
  if (typeof item.text !== 'string' || item.text.trim() === '') return null;
  const inline = extractHashtags(item.text);
  const hashtags = [...strings(item.hashtags), ...inline]
    .map((tag) => normaliseHashtag(tag))
    .filter((tag): tag is string => tag !== null);
  return {
    body: stripHashtags(item.text).trim(),
    hashtags,
    ...(typeof item.title === 'string' && item.title.trim() !== '' && { title: item.title.trim() }),
    ...(typeof item.altText === 'string' && item.altText.trim() !== '' && { altText: item.altText.trim() }),
    tags: strings(item.tags),
  };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

/** Removes hashtags the model put in the text anyway; they come back from `hashtags`, within the cap. */
function stripHashtags(text: string): string {
  return text
    .replace(/(^|\s)[#＃][\p{L}\p{M}\p{N}_]+/gu, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\s+\n/g, '\n');
}
