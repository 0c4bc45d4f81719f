import type { Platform } from '@app/platform-rules';
import { measureTags, rulesFor, truncateText } from '@app/platform-rules';
import type { ProductFacts } from './product-facts.js';

/**
 * Listing tags (Etsy, YouTube) from the candidates, fitted to the platform's tag rules: forbidden
 * characters removed, each shortened between words to the tag length, de-duplicated ignoring case, and
 * no more than the count and total length allow. Undefined for platforms without tags.
 */
export function listingTags(platform: Platform, candidates: readonly string[]): string[] | undefined {
  const rule = rulesFor(platform).tags;
  if (!rule) return undefined;
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    let tag = clean(candidate, rule.forbidden, rule.forbiddenStart);
    if (rule.maxLength !== undefined)
      tag = truncateText(tag, rule.maxLength, { counter: 'codePoints' }, { ellipsis: '' });
    const key = tag.toLocaleLowerCase('en');
    if (tag === '' || seen.has(key)) continue;
    if (rule.maxCount !== undefined && tags.length >= rule.maxCount) break;
    if (rule.maxTotal !== undefined && measureTags([...tags, tag]) > rule.maxTotal) continue;
    seen.add(key);
    tags.push(tag);
  }
  return tags;
}

/** Tag ideas from the product: its tags, category and title, as the seller wrote them. */
export function tagCandidates(facts: ProductFacts, extra: readonly string[] = []): string[] {
  return [...extra, ...facts.tags, ...(facts.category ? [facts.category] : []), facts.title];
}

function clean(tag: string, forbidden: RegExp | undefined, forbiddenStart: string | undefined): string {
  let result = tag;
  if (forbidden)
    result = result.replace(new RegExp(forbidden.source, `${forbidden.flags.replace('g', '')}g`), '');
  result = result.replace(/\s+/gu, ' ').trim();
  while (forbiddenStart && result !== '' && forbiddenStart.includes(result[0] as string))
    result = result.slice(1).trim();
  return result;
}
