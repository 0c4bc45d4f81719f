import { IMPORT_FIELDS, type ImportField, type ImportMapping } from '@app/contracts';

/** Column names feeds and spreadsheets commonly use for each field, compared without case or punctuation. */
const ALIASES: Record<ImportField, string[]> = {
  title: ['title', 'name', 'product name', 'product title'],
  description: ['description', 'desc', 'body', 'body html', 'details'],
  price: ['price', 'sale price', 'price amount', 'amount'],
  currency: ['currency', 'currency code'],
  cost: ['cost', 'cost price', 'supplier price', 'wholesale price'],
  commissionRate: ['commission rate', 'commission', 'commission percent', 'commission pct'],
  rating: ['rating', 'stars', 'review rating', 'average rating'],
  category: ['category', 'product type', 'type'],
  tags: ['tags', 'keywords', 'labels'],
  destinationUrl: ['destination url', 'url', 'link', 'product url', 'affiliate url', 'affiliate link'],
  externalId: ['external id', 'sku', 'id', 'product id', 'item id'],
  imageUrls: ['image urls', 'image url', 'images', 'image', 'image link', 'photos', 'additional image link'],
};

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Which source key feeds each field, for a record with these keys. */
export type ResolvedColumns = Partial<Record<ImportField, string>>;

/** Resolves the mapping against a record's keys: explicit entries first, then the common names. */
export class ColumnResolver {
  private readonly cache = new Map<string, ResolvedColumns>();

  constructor(private readonly mapping: ImportMapping = {}) {}

  resolve(keys: string[]): ResolvedColumns {
    const cacheKey = keys.join('\u0000');
    let resolved = this.cache.get(cacheKey);
    if (!resolved) {
      resolved = this.build(keys);
      // Bounded: JSON rows with ever-different keys must not grow it without end.
      if (this.cache.size < 100) this.cache.set(cacheKey, resolved);
    }
    return resolved;
  }

  private build(keys: string[]): ResolvedColumns {
    const byNormalised = new Map(keys.map((key) => [normalise(key), key]));
    const resolved: ResolvedColumns = {};
    for (const field of IMPORT_FIELDS) {
      const explicit = this.mapping[field];
      const candidates = explicit !== undefined ? [explicit] : ALIASES[field];
      const key = candidates
        .map((name) => byNormalised.get(normalise(name)))
        .find((found) => found !== undefined);
      if (key !== undefined) resolved[field] = key;
    }
    return resolved;
  }
}
