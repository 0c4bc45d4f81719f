import type { Rule, RuleFilter } from './api';

/** The filter as the form edits it: prices in the currency's main unit (12.50), empty fields as ''. */
export interface FilterValues {
  tags: string[];
  category: string;
  currency: string;
  minPrice: number | '';
  maxPrice: number | '';
  minMarginPercent: number | '';
  minCommissionRate: number | '';
}

/** Digits after the decimal point of a currency (2 for USD, 0 for JPY); 2 when none is given. */
export function minorDigits(currency: string): number {
  if (!currency) return 2;
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

export function toFilterValues(filter: Rule['filter'] | undefined): FilterValues {
  const scale = 10 ** minorDigits(filter?.currency ?? '');
  const price = (minor: number | undefined) => (minor === undefined ? '' : minor / scale);
  return {
    tags: filter?.tags ?? [],
    category: filter?.category ?? '',
    currency: filter?.currency ?? '',
    minPrice: price(filter?.minPriceMinor),
    maxPrice: price(filter?.maxPriceMinor),
    minMarginPercent: filter?.minMarginPercent ?? '',
    minCommissionRate: filter?.minCommissionRate ?? '',
  };
}

/** The request's filter: only the conditions filled in. */
export function toFilter(values: FilterValues): RuleFilter {
  const currency = values.currency.trim().toUpperCase();
  const scale = 10 ** minorDigits(currency);
  const filter: RuleFilter = {};
  if (values.tags.length > 0) filter.tags = values.tags;
  if (values.category.trim()) filter.category = values.category.trim();
  if (currency) filter.currency = currency;
  if (values.minPrice !== '') filter.minPriceMinor = Math.round(values.minPrice * scale);
  if (values.maxPrice !== '') filter.maxPriceMinor = Math.round(values.maxPrice * scale);
  if (values.minMarginPercent !== '') filter.minMarginPercent = values.minMarginPercent;
  if (values.minCommissionRate !== '') filter.minCommissionRate = values.minCommissionRate;
  return filter;
}

/** One line saying which products the rule takes. */
export function describeFilter(filter: Rule['filter']): string {
  const scale = 10 ** minorDigits(filter.currency ?? '');
  const money = (minor: number) =>
    `${(minor / scale).toFixed(Math.log10(scale))}${filter.currency ? ` ${filter.currency}` : ''}`;
  const parts: string[] = [];
  if (filter.tags?.length) parts.push(`tagged ${filter.tags.join(' or ')}`);
  if (filter.category) parts.push(`in ${filter.category}`);
  if (filter.minPriceMinor !== undefined && filter.maxPriceMinor !== undefined)
    parts.push(`priced ${money(filter.minPriceMinor)} to ${money(filter.maxPriceMinor)}`);
  else if (filter.minPriceMinor !== undefined) parts.push(`priced from ${money(filter.minPriceMinor)}`);
  else if (filter.maxPriceMinor !== undefined) parts.push(`priced up to ${money(filter.maxPriceMinor)}`);
  else if (filter.currency) parts.push(`priced in ${filter.currency}`);
  if (filter.minMarginPercent !== undefined)
    parts.push(`with a margin of at least ${filter.minMarginPercent}%`);
  if (filter.minCommissionRate !== undefined)
    parts.push(`with a commission of at least ${filter.minCommissionRate}%`);
  return parts.length === 0 ? 'Every active product' : `Products ${parts.join(', ')}`;
}
