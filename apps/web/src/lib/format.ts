// Numbers as people read them, in the browser's locale: shared by every page that shows results.

/** An amount in minor units shown in its currency (`1999`, `EUR` → `€19.99`), with the currency's own decimals. */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(toMajor(minor, currency));
}

export function formatCount(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

export function formatPercent(ratio: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(ratio);
}

/** Minor units as a plain number in the currency's major unit (`1999` EUR → 19.99), for a chart's axis. */
export function toMajor(minor: number, currency: string): number {
  const digits = new Intl.NumberFormat(undefined, { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
  return minor / 10 ** (digits ?? 2);
}
