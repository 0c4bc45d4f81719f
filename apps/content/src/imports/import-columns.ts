import { type ImportField, type ImportMapping } from '@app/contracts';
import { ColumnResolver, type ResolvedColumns as Resolved } from '@app/import-files';

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

/** Which source key feeds each product field, for a record with these keys. */
export type ResolvedColumns = Resolved<ImportField>;

/** Resolves the mapping against a record's keys: explicit entries first, then the common names. */
export class ProductColumns extends ColumnResolver<ImportField> {
  constructor(mapping: ImportMapping = {}) {
    super(ALIASES, mapping);
  }
}
