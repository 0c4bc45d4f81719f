import { InvalidError } from '@app/contracts';

/** Where a page ended: the last product's position in the (created_at DESC, id DESC) order. */
export interface ProductCursor {
  createdAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** An opaque base64url token; clients pass it back unchanged as `cursor`. */
export function encodeProductCursor(position: ProductCursor): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString('base64url');
}

/** Reads a token made by encodeProductCursor; anything else is a 400 naming `cursor`. */
export function decodeProductCursor(token: string): ProductCursor {
  const position = BASE64URL.test(token) ? parse(Buffer.from(token, 'base64url').toString('utf8')) : null;
  if (!position) {
    const message = 'cursor is not valid; pass the nextCursor of the previous page unchanged';
    throw new InvalidError(message, { fields: [{ field: 'cursor', messages: [message] }] });
  }
  return position;
}

function parse(json: string): ProductCursor | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [createdAt, id] = value as unknown[];
  if (typeof createdAt !== 'string' || typeof id !== 'string' || !UUID.test(id)) return null;
  const date = new Date(createdAt);
  // Only the exact form we emit: a loose date would silently move the page boundary.
  if (Number.isNaN(date.getTime()) || date.toISOString() !== createdAt) return null;
  return { createdAt: date, id };
}
