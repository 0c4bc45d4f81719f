/** Parsers of the loosely formatted values spreadsheets hold: "$1,299.00", "7.5%", "4.6/5", "a; b | c". */

const minorDigitsCache = new Map<string, number>();

/** Minor-unit digits of a currency (2 for USD, 0 for JPY, 3 for KWD). */
export function minorDigitsOf(currency: string): number {
  let digits = minorDigitsCache.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    minorDigitsCache.set(currency, digits);
  }
  return digits;
}

const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;

/**
 * A decimal amount as text, accepting symbols and thousands separators. With both "," and "." the last one is
 * the decimal point; a single "." is a decimal point; a single "," is one unless exactly 3 digits follow it.
 */
export function parseDecimal(raw: unknown): string | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : null;
  if (typeof raw !== 'string') return null;
  if (PLAIN_DECIMAL.test(raw)) return raw; // the common case, and what the general path makes of it
  const cleaned = raw.replace(/[^\d.,-]/g, '');
  if (!/\d/.test(cleaned)) return null;
  const point = decimalPointOf(cleaned);
  const whole = (point === -1 ? cleaned : cleaned.slice(0, point)).replace(/[.,]/g, '');
  const text = point === -1 ? whole : `${whole}.${cleaned.slice(point + 1)}`;
  return /^-?\d+(\.\d+)?$/.test(text) ? text : null;
}

function decimalPointOf(amount: string): number {
  const lastDot = amount.lastIndexOf('.');
  const lastComma = amount.lastIndexOf(',');
  if (lastDot !== -1 && lastComma !== -1) return Math.max(lastDot, lastComma);
  if (lastDot !== -1) return amount.indexOf('.') === lastDot ? lastDot : -1;
  if (lastComma === -1 || amount.indexOf(',') !== lastComma) return -1;
  return amount.length - lastComma - 1 === 3 ? -1 : lastComma;
}

const MINUS = 45;
const ZERO = 48;

/** An amount in minor units of `currency`; a string error when it cannot be one. */
export function toMinorUnits(decimal: string, currency: string): number | string {
  const digits = minorDigitsOf(currency);
  if (decimal.charCodeAt(0) === MINUS) return 'must not be negative';
  const point = decimal.indexOf('.');
  const whole = point === -1 ? decimal : decimal.slice(0, point);
  const fraction = point === -1 ? '' : decimal.slice(point + 1);
  let significant = fraction.length;
  while (significant > 0 && fraction.charCodeAt(significant - 1) === ZERO) significant -= 1;
  if (significant > digits) return `has more decimals than ${currency} allows`;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0').slice(0, digits) || 0);
  return Number.isSafeInteger(minor) ? minor : 'is too large';
}

/** A currency code written in a price ("19.99 EUR"), if any. */
export function currencyIn(raw: unknown): string | null {
  return typeof raw === 'string' ? (/\b([A-Z]{3})\b/.exec(raw)?.[1] ?? null) : null;
}

/** A number from "7.5", "7.5%" or "4.6/5"; null when absent, NaN when unreadable. */
export function parseNumber(raw: unknown): number | null {
  if (raw === null || raw === undefined || raw === '') return null;
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') return Number.NaN;
  const match = /^\s*(-?\d+(?:[.,]\d+)?)\s*(%|\/\s*5)?\s*$/.exec(raw);
  return match ? Number(match[1].replace(',', '.')) : Number.NaN;
}
