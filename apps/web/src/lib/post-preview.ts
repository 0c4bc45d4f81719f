import {
  checkPost,
  extractHashtags,
  graphemeCount,
  isPlatform,
  measureText,
  type Platform,
  type PlatformRules,
  rulesFor,
  type Violation,
} from '@app/platform-rules';

/** What a person writes for one target of a post. */
export interface TargetDraft {
  text: string;
  title?: string;
  hasMedia: boolean;
}

/** One live counter under a target's text: its value, and the platform's limit when it has one. */
export interface Counter {
  label: string;
  value: number;
  limit: number | null;
  isOver: boolean;
}

export interface TargetPreview {
  /** The platform's rules; null for webhook and manual targets, which have none. */
  rules: PlatformRules | null;
  counters: Counter[];
  violations: Violation[];
  /** The UTF-16 index where the text stops fitting the platform's length, or null when all of it fits. */
  overflowAt: number | null;
  hashtags: string[];
}

/** The rules of a connection's platform (`webhook` and `manual` have none). */
export function rulesOfConnection(platform: string): PlatformRules | null {
  return isPlatform(platform) ? rulesFor(platform) : null;
}

/** The copy platform to generate text with for a connection: its own, or Facebook's wording for the others. */
export function copyPlatformOf(platform: string): Platform {
  return isPlatform(platform) ? platform : 'facebook';
}

/**
 * Counts and checks a target's text as its platform does, with the same code the server runs
 * (libs/platform-rules), so what the preview accepts the server accepts.
 */
export function previewTarget(platform: string, draft: TargetDraft): TargetPreview {
  const rules = rulesOfConnection(platform);
  const hashtags = extractHashtags(draft.text);
  const graphemes: Counter = counter('Characters', graphemeCount(draft.text), null);
  if (!rules) {
    return {
      rules,
      counters: [graphemes, counter('Hashtags', hashtags.length, null)],
      violations: [],
      overflowAt: null,
      hashtags,
    };
  }
  const fields = rules.title ? { text: draft.text, title: draft.title ?? '' } : { text: draft.text };
  const { metrics, violations } = checkPost(fields, rules, { hasMedia: draft.hasMedia });
  const counters: Counter[] = [
    rules.text.counter === 'weighted'
      ? counter('X weighted length', metrics.length, metrics.limit)
      : graphemes.value === metrics.length
        ? counter('Characters', metrics.length, metrics.limit)
        : counter(`Length as ${rules.label} counts`, metrics.length, metrics.limit),
  ];
  if (rules.text.counter === 'weighted' || graphemes.value !== metrics.length) counters.push(graphemes);
  counters.push(counter('Hashtags', metrics.hashtagCount, metrics.hashtagLimit));
  if (metrics.titleLimit !== undefined)
    counters.push(counter('Title', metrics.titleLength ?? 0, metrics.titleLimit));
  return {
    rules,
    counters,
    violations,
    overflowAt: metrics.length > metrics.limit ? fittingPrefix(draft.text, rules, metrics.limit) : null,
    hashtags,
  };
}

function counter(label: string, value: number, limit: number | null): Counter {
  return { label, value, limit, isOver: limit !== null && value > limit };
}

/** The length of the longest start of `text` (whole code points) that the platform still accepts. */
export function fittingPrefix(text: string, rules: PlatformRules, limit: number): number {
  const boundaries = [0];
  for (const character of text) boundaries.push(boundaries[boundaries.length - 1]! + character.length);
  let low = 0;
  let high = boundaries.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (measureText(text.slice(0, boundaries[middle]), rules.text) <= limit) low = middle;
    else high = middle - 1;
  }
  return boundaries[low]!;
}

/** A text cut into plain runs and hashtags, as a platform's post shows them. */
export interface TextRun {
  text: string;
  isHashtag: boolean;
}

export function splitHashtags(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let position = 0;
  for (const match of text.matchAll(/#[\p{L}\p{N}_]+/gu)) {
    if (match.index > position) runs.push({ text: text.slice(position, match.index), isHashtag: false });
    runs.push({ text: match[0], isHashtag: true });
    position = match.index + match[0].length;
  }
  if (position < text.length) runs.push({ text: text.slice(position), isHashtag: false });
  return runs;
}
