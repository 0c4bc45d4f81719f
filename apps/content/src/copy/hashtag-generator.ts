import type { CopyHashtagOptionsDto } from '@app/contracts';
import { uniqueHashtags } from '@app/platform-rules';
import type { ProductFacts } from './product-facts.js';
import type { TemplateLanguage } from './templates/template-language.js';

// Price bands in major units of the product's currency: `#Under25`.
const PRICE_BANDS = [10, 25, 50, 100, 200, 500, 1000];
const KEYWORD = /^[\p{L}][\p{L}\p{M}\p{N}]{2,}$/u;
const KEYWORDS_PER_SOURCE = 4;

/**
 * Hashtag candidates, best first, from what the seller entered (never invented): the request's own,
 * the category, the product's tags, keywords of the title and description, a price band, then the
 * configured seasonal list. Normalised (no spaces or punctuation), de-duplicated ignoring case, excluded
 * ones removed. Each platform keeps as many as its cap and length allow.
 */
export function hashtagCandidates(
  facts: ProductFacts,
  language: TemplateLanguage,
  seasonal: readonly string[],
  options: CopyHashtagOptionsDto = {},
): string[] {
  const raw = [
    ...(options.include ?? []),
    ...(facts.category ? [facts.category] : []),
    ...facts.tags,
    ...keywords(facts.title, language).slice(0, KEYWORDS_PER_SOURCE),
    ...repeatedKeywords(facts.description ?? '', language).slice(0, KEYWORDS_PER_SOURCE),
    ...priceTags(facts.priceMajor),
    ...seasonal,
  ];
  const excluded = new Set(uniqueHashtags(options.exclude ?? []).map((tag) => tag.toLocaleLowerCase('en')));
  return uniqueHashtags(raw).filter((tag) => !excluded.has(tag.toLocaleLowerCase('en')));
}

/** Words of a text worth a hashtag: letters first, three or more characters, not a stop word. */
function keywords(text: string, language: TemplateLanguage): string[] {
  const segmenter = new Intl.Segmenter(language.locale, { granularity: 'word' });
  const words: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    if (!isWordLike || !KEYWORD.test(segment)) continue;
    if (language.stopWords.has(segment.toLocaleLowerCase(language.locale))) continue;
    words.push(segment);
  }
  return words;
}

/** Keywords the description repeats: what it is about, rather than every word of it. */
function repeatedKeywords(text: string, language: TemplateLanguage): string[] {
  const counts = new Map<string, { word: string; count: number }>();
  for (const word of keywords(text, language)) {
    const key = word.toLocaleLowerCase(language.locale);
    const entry = counts.get(key) ?? { word, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()]
    .filter((entry) => entry.count >= 2)
    .sort((a, b) => b.count - a.count)
    .map((entry) => entry.word);
}

function priceTags(priceMajor: number | null): string[] {
  if (priceMajor === null) return [];
  const band = PRICE_BANDS.find((limit) => priceMajor <= limit);
  return band === undefined ? [] : [`Under${band}`];
}
