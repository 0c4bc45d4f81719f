import { InvalidError, type ProductSort } from '@app/contracts';

/**
 * Where a page ended: the last product's sort key and id. The key is createdAt or updatedAt (a Date), the title,
 * or the price in minor units (-1 for none).
 */
export interface ProductCursor {
  key: Date | string | number;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * An opaque base64url token; clients pass it back unchanged as `cursor`. The newest-first order keeps its
 * original two-element form, so cursors handed out before sorting existed stay valid.
 */
export function encodeProductCursor(position: ProductCursor, sort: ProductSort = 'createdAt'): string {
  const key = position.key instanceof Date ? position.key.toISOString() : position.key;
  const tuple = sort === 'createdAt' ? [key, position.id] : [sort, key, position.id];
  return Buffer.from(JSON.stringify(tuple)).toString('base64url');
}

/** Reads a token made by encodeProductCursor for the same sort; anything else is a 400 naming `cursor`. */
export function decodeProductCursor(token: string, sort: ProductSort = 'createdAt'): ProductCursor {
  const position = BASE64URL.test(token)
    ? parse(Buffer.from(token, 'base64url').toString('utf8'), sort)
    : null;
  if (!position) {
    const message =
      'cursor is not valid; pass the nextCursor of the previous page unchanged, with the same sort';
    throw new InvalidError(message, { fields: [{ field: 'cursor', messages: [message] }] });
  }
  return position;
}

function parse(json: string, sort: ProductSort): ProductCursor | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(value)) return null;
  const tuple = value as unknown[];
  if (sort === 'createdAt' ? tuple.length !== 2 : tuple.length !== 3 || tuple[0] !== sort) return null;
  const [key, id] = tuple.slice(-2);
  if (typeof id !== 'string' || !UUID.test(id)) return null;
  const parsedKey = parseKey(key, sort);
  return parsedKey === null ? null : { key: parsedKey, id };
}

function parseKey(key: unknown, sort: ProductSort): ProductCursor['key'] | null {
  if (sort === 'title') return typeof key === 'string' && key.length > 0 ? key : null;
  if (sort === 'price') return Number.isInteger(key) && (key as number) >= -1 ? (key as number) : null;
  if (typeof key !== 'string') return null;
  const date = new Date(key);
  // Only the exact form we emit: a loose date would silently move the page boundary.
  return Number.isNaN(date.getTime()) || date.toISOString() !== key ? null : date;
}

/** The sort key of a product, as the list query orders by it. */
export function sortKeyOf(
  product: { createdAt: Date; updatedAt: Date; title: string; priceMinor: number | null },
  sort: ProductSort,
): ProductCursor['key'] {
  if (sort === 'title') return product.title;
  if (sort === 'price') return product.priceMinor ?? -1;
  return sort === 'updatedAt' ? product.updatedAt : product.createdAt;
}
