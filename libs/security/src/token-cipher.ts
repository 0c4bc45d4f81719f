import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/** One AES-256 key and the id stored beside every value it encrypts, so keys can rotate. */
export interface CipherKey {
  id: string;
  key: Buffer;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const VERSION = 'v1';

/**
 * Parses `id:base64key,id:base64key`; the first key encrypts, every key decrypts.
 * Throws a message naming the setting, never the key material.
 */
export function parseCipherKeys(entries: readonly string[], setting = 'TOKEN_ENCRYPTION_KEYS'): CipherKey[] {
  const keys = entries.map((entry, index) => {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator);
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (separator < 1 || !KEY_ID.test(id) || key.length !== 32) {
      throw new Error(`${setting} entry ${index + 1} must be <keyId>:<32 bytes in base64>`);
    }
    return { id, key };
  });
  if (new Set(keys.map((key) => key.id)).size !== keys.length)
    throw new Error(`${setting} has a repeated key id`);
  return keys;
}

/** A fresh `id:base64key` entry for TOKEN_ENCRYPTION_KEYS. */
export function generateCipherKeyEntry(id = `k${Date.now().toString(36)}`): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Encrypts secrets at rest with AES-256-GCM; the output names its key id, so old values stay readable after rotation. */
export class TokenCipher {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: readonly CipherKey[]) {
    if (keys.length === 0) throw new Error('TokenCipher needs at least one key');
    this.byId = new Map(keys.map((key) => [key.id, key.key]));
  }

  /** `v1.<keyId>.<iv>.<tag>.<ciphertext>`, base64url parts; `context` (e.g. a row id) must match on decrypt. */
  encrypt(plaintext: string, context = ''): string {
    const { id, key } = this.keys[0];
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(`${VERSION}.${id}.${context}`));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url'));
    return [VERSION, id, ...parts].join('.');
  }

  /** Throws when the value was altered, bound to another context, or made with a key no longer configured. */
  decrypt(sealed: string, context = ''): string {
    const [version, id, iv, tag, body] = sealed.split('.');
    const key = this.byId.get(id ?? '');
    if (version !== VERSION || !key || body === undefined)
      throw new Error('Encrypted value has an unknown key or format');
    const nonce = Buffer.from(iv, 'base64url');
    const authTag = Buffer.from(tag ?? '', 'base64url');
    // GCM checks only as many tag bytes as it is given: a 4-byte tag would be a 1-in-4-billion guess, not a MAC.
    if (nonce.length !== IV_BYTES || authTag.length !== TAG_BYTES)
      throw new Error('Encrypted value has an unknown key or format');
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(`${VERSION}.${id}.${context}`));
    decipher.setAuthTag(authTag);
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  /** True when the value was sealed with an older key and should be re-encrypted. */
  isStale(sealed: string): boolean {
    return sealed.split('.')[1] !== this.keys[0].id;
  }

  /** A MAC key for `purpose` derived from the active key (HKDF), so no second secret needs configuring. */
  derivedKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.keys[0].key, Buffer.alloc(0), purpose, 32));
  }
}

/** HMAC-SHA256 signature of `value`, base64url. */
export function sign(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url');
}

/** Constant-time check of a signature made by sign(). */
export function isValidSignature(key: Buffer, value: string, signature: string): boolean {
  const expected = Buffer.from(sign(key, value));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
