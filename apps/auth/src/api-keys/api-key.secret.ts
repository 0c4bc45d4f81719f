import { createHash, randomBytes } from 'node:crypto';
import { API_KEY_PREFIX } from '@app/contracts';

const KEY_BYTES = 32;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 62^43 > 2^256: 43 base62 characters hold any 32 bytes. */
const ENCODED_LENGTH = 43;
/** Characters after `sk_` kept for display. */
const DISPLAY_CHARS = 8;

export interface NewApiKeySecret {
  /** The key as its owner sends it; shown once, never stored. */
  key: string;
  /** What is stored to find the key again. */
  hash: string;
  /** What is stored to show the key in a list. */
  prefix: string;
}

/** A fresh key: `sk_` and 32 random bytes in base62, with its hash and display prefix. */
export function newApiKeySecret(): NewApiKeySecret {
  const key = API_KEY_PREFIX + base62(randomBytes(KEY_BYTES));
  return { key, hash: hashApiKey(key), prefix: key.slice(0, API_KEY_PREFIX.length + DISPLAY_CHARS) };
}

/**
 * The only form in which a key is stored or looked up. A fast hash is right here, unlike for passwords: the
 * key is 256 random bits, so there is nothing to guess from its hash and no dictionary to slow down, and a
 * plain SHA-256 lets every request find its key with one indexed lookup.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function base62(bytes: Buffer): string {
  let value = BigInt(`0x${bytes.toString('hex')}`);
  let encoded = '';
  while (value > 0n) {
    encoded = BASE62[Number(value % 62n)] + encoded;
    value /= 62n;
  }
  return encoded.padStart(ENCODED_LENGTH, BASE62[0]);
}
