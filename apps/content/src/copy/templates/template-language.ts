import type { CopyTone } from '@app/contracts';

/**
 * Everything a language contributes to template copy. Placeholders: `{title}`, `{category}`, `{fact}`,
 * `{price}`. Each list of a tone has at least MIN_PHRASES entries, so the five variants of a set can each
 * take a different hook, benefit frame and call to action.
 */
export interface TemplateLanguage {
  /** BCP 47 tag for Intl (word segmentation, number formats). */
  locale: string;
  /** Opening lines that name the product. */
  hooks: Record<CopyTone, readonly string[]>;
  /** Frames around one sentence the seller wrote about the product (`{fact}`). */
  benefits: Record<CopyTone, readonly string[]>;
  /** Lines that say nothing about the product, for products without a description. */
  noFactBenefits: Record<CopyTone, readonly string[]>;
  ctas: Record<CopyTone, readonly string[]>;
  /** Frames around the formatted price. */
  prices: Record<CopyTone, readonly string[]>;
  /** Where the link is on platforms whose captions do not link. */
  linkInBio: string;
  /** Alt text from the product's title and category. */
  altText: (title: string, category: string | null) => string;
  /** Words never used as keyword hashtags. */
  stopWords: ReadonlySet<string>;
}

export const MIN_PHRASES = 5;

/** Fills `{name}` placeholders; a missing value leaves an empty string. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
}
