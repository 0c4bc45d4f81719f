/** The facts of a product a copy template may name. */
export const TEMPLATE_PLACEHOLDERS = ['title', 'price', 'link'] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

/** What a template is filled from: a product's title, price and destination URL. */
export interface TemplateFacts {
  title: string;
  priceMinor: number | null;
  currency: string | null;
  url: string | null;
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The `{name}`s a template uses, each once, in order of first use (known or not). */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

/** The `{name}`s a template uses that are not placeholders ({title}, {price}, {link}). */
export function unknownPlaceholders(template: string): string[] {
  return placeholdersOf(template).filter(
    (name) => !(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name),
  );
}

/** A price as shoppers read it in English: "€19.90", "¥1,200". */
export function formatPrice(minor: number, currency: string): string {
  try {
    const format = new Intl.NumberFormat('en', { style: 'currency', currency });
    return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
  } catch {
    return `${minor} ${currency}`;
  }
}

function valueOf(name: TemplatePlaceholder, facts: TemplateFacts): string | null {
  if (name === 'title') return facts.title;
  if (name === 'link') return facts.url;
  return facts.priceMinor === null || facts.currency === null
    ? null
    : formatPrice(facts.priceMinor, facts.currency);
}

/**
 * The template with each placeholder replaced by the product's fact, in one pass (a fact that itself
 * contains `{title}` stays as written). Null when the template names a fact the product lacks (a price on
 * a product without one) or a name that is not a placeholder.
 */
export function fillTemplate(template: string, facts: TemplateFacts): string | null {
  for (const name of placeholdersOf(template)) {
    if (!(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name)) return null;
    if (valueOf(name as TemplatePlaceholder, facts) === null) return null;
  }
  return template.replace(
    PLACEHOLDER,
    (_match, name: string) => valueOf(name as TemplatePlaceholder, facts) as string,
  );
}
