import { isISO4217CurrencyCode } from 'class-validator';
import type { ImportFilters } from '@app/contracts';
import { parseList, text } from '@app/import-files';
import { normaliseTags } from '../products/products.service.js';
import { HttpUrlCheck } from './http-url-check.js';
import type { ResolvedColumns } from './import-columns.js';
import { currencyIn, parseDecimal, parseNumber, toMinorUnits } from './import-values.js';

/** The product values of an accepted row, as they will be upserted. */
export interface ImportedProduct {
  externalId: string;
  title: string;
  description: string | null;
  priceMinor: number | null;
  currency: string | null;
  costMinor: number | null;
  commissionRate: number | null;
  category: string | null;
  tags: string[];
  destinationUrl: string | null;
  /** Valid, distinct http(s) image URLs, at most MAX_IMAGE_URLS; fetched later by a job, never in the row loop. */
  imageUrls: string[];
}

/** More image URLs than this in one row are ignored (with a warning): a row is a product, not a gallery dump. */
export const MAX_IMAGE_URLS = 10;

export type RowOutcome =
  | { kind: 'product'; product: ImportedProduct; warnings: string[] }
  | { kind: 'skipped' }
  | { kind: 'rejected'; reason: string; externalId: string | null };

class RowProblem extends Error {}

/** Maps, filters and validates one record; a bad row is rejected with a reason, never thrown. */
export function mapRow(
  record: Record<string, unknown>,
  columns: ResolvedColumns,
  filters: ImportFilters,
  defaultCurrency: string | undefined,
): RowOutcome {
  const field = (name: keyof ResolvedColumns) =>
    columns[name] === undefined ? undefined : record[columns[name]];
  const externalId = text(field('externalId'));
  try {
    if (externalId === null)
      throw new RowProblem('externalId (SKU) is missing; it is how re-imports find the product');
    const currency =
      text(field('currency'))?.toUpperCase() ?? currencyIn(field('price')) ?? defaultCurrency ?? null;
    const priceMinor = money('price', field('price'), currency);
    const costMinor = money('cost', field('cost'), currency);
    const commissionRate = bounded('commissionRate', field('commissionRate'), 100);
    const rating = bounded('rating', field('rating'), 5);
    const category = text(field('category'));
    if (!passes(filters, { priceMinor, commissionRate, rating, category })) return { kind: 'skipped' };
    const warnings: string[] = [];
    return {
      kind: 'product',
      warnings,
      product: {
        externalId: limited('externalId', externalId, 200),
        title: limited('title', text(field('title')) ?? missing('title'), 200),
        description: optionalLimited('description', text(field('description')), 10_000),
        priceMinor,
        currency,
        costMinor,
        commissionRate,
        category: optionalLimited('category', category, 100),
        tags: checkedTags(normaliseTags(parseList(field('tags')))),
        destinationUrl: checkedUrl(text(field('destinationUrl'))),
        imageUrls: imageUrlsOf(field('imageUrls'), warnings),
      },
    };
  } catch (error) {
    if (error instanceof RowProblem) return { kind: 'rejected', reason: error.message, externalId };
    throw error;
  }
}

// The limits of CreateProductDto, checked directly: class-validator per row would cap an import at ~8k rows/s.
const MAX_MONEY_MINOR = 2_000_000_000;
const httpUrls = new HttpUrlCheck();

function missing(name: string): never {
  throw new RowProblem(`${name} is missing`);
}

function limited(name: string, value: string, max: number): string {
  if (value.length > max) throw new RowProblem(`${name} must be at most ${max} characters`);
  return value;
}

function optionalLimited(name: string, value: string | null, max: number): string | null {
  return value === null ? null : limited(name, value, max);
}

function checkedTags(tags: string[]): string[] {
  if (tags.length > 50) throw new RowProblem('tags: at most 50 tags');
  const long = tags.find((tag) => tag.length > 50);
  if (long !== undefined) throw new RowProblem(`tags: "${long.slice(0, 60)}" is longer than 50 characters`);
  return tags;
}

function checkedUrl(url: string | null): string | null {
  if (url === null) return null;
  if (!httpUrls.isValid(url)) throw new RowProblem('destinationUrl must be an http or https URL');
  return url;
}

/** The usable image URLs of a row; unusable ones become warnings, so they never cost the row its product. */
function imageUrlsOf(raw: unknown, warnings: string[]): string[] {
  const urls: string[] = [];
  for (const url of new Set(parseList(raw, /[\s,;|]+/))) {
    if (!httpUrls.isValid(url))
      warnings.push(`imageUrls: "${url.slice(0, 100)}" is not an http or https URL; ignored`);
    else urls.push(url);
  }
  if (urls.length > MAX_IMAGE_URLS) {
    warnings.push(`imageUrls: ${urls.length} image URLs; only the first ${MAX_IMAGE_URLS} are imported`);
  }
  return urls.slice(0, MAX_IMAGE_URLS);
}

function money(name: string, raw: unknown, currency: string | null): number | null {
  if (text(raw) === null) return null;
  const decimal = parseDecimal(raw);
  if (decimal === null) throw new RowProblem(`${name} "${String(raw)}" is not an amount`);
  if (currency === null) {
    throw new RowProblem(
      `currency is required when ${name} is set (map a currency column or pass defaultCurrency)`,
    );
  }
  if (!isISO4217CurrencyCode(currency))
    throw new RowProblem(`currency "${currency}" is not an ISO 4217 code`);
  const minor = toMinorUnits(decimal, currency);
  if (typeof minor === 'string') throw new RowProblem(`${name} "${String(raw)}" ${minor}`);
  if (minor > MAX_MONEY_MINOR) throw new RowProblem(`${name} "${String(raw)}" is too large`);
  return minor;
}

function bounded(name: string, raw: unknown, max: number): number | null {
  const value = parseNumber(raw);
  if (value === null) return null;
  if (Number.isNaN(value) || value < 0 || value > max) {
    throw new RowProblem(`${name} "${String(raw)}" must be a number from 0 to ${max}`);
  }
  return Math.round(value * 100) / 100;
}

function passes(
  filters: ImportFilters,
  row: {
    priceMinor: number | null;
    commissionRate: number | null;
    rating: number | null;
    category: string | null;
  },
): boolean {
  if (filters.minPriceMinor !== undefined && (row.priceMinor ?? -1) < filters.minPriceMinor) return false;
  if (
    filters.maxPriceMinor !== undefined &&
    (row.priceMinor === null || row.priceMinor > filters.maxPriceMinor)
  ) {
    return false;
  }
  if (filters.minCommissionRate !== undefined && (row.commissionRate ?? -1) < filters.minCommissionRate)
    return false;
  if (filters.minRating !== undefined && (row.rating ?? -1) < filters.minRating) return false;
  if (filters.categories !== undefined) {
    const wanted = filters.categories.map((category) => category.toLowerCase());
    if (row.category === null || !wanted.includes(row.category.toLowerCase())) return false;
  }
  return true;
}
