/** Digits after the decimal point of a currency's minor unit (2 for EUR, 0 for JPY, 3 for KWD). */
export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/** An amount as people write it (12.5) in minor units (1250); null for no amount. */
export function toMinor(amount: number | string | null | undefined, currency: string): number | null {
  if (amount === '' || amount === null || amount === undefined) return null;
  const value = typeof amount === 'number' ? amount : Number(amount);
  if (!Number.isFinite(value)) return null;
  return Math.round(value * 10 ** minorDigits(currency));
}

/** Minor units (1250) as the decimal people type (12.5); '' for no amount. */
export function fromMinor(minor: number | null, currency: string | null): number | '' {
  if (minor === null) return '';
  return minor / 10 ** minorDigits(currency ?? 'USD');
}

/** A price for people: "€12.50", or an em dash when there is none. */
export function formatMoney(minor: number | null, currency: string | null, locale?: string): string {
  if (minor === null || currency === null) return '—';
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
      minor / 10 ** minorDigits(currency),
    );
  } catch {
    return `${minor} ${currency}`;
  }
}
