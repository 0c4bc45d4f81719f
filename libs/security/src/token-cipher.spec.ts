import { describe, expect, it } from '@jest/globals';
import {
  generateCipherKeyEntry,
  isValidSignature,
  parseCipherKeys,
  sign,
  TokenCipher,
} from './token-cipher.js';

describe('TokenCipher', () => {
  const [oldKey] = parseCipherKeys([generateCipherKeyEntry('old')]);
  const [newKey] = parseCipherKeys([generateCipherKeyEntry('new')]);

  it('round-trips, never leaks the plaintext and uses a fresh IV each time', () => {
    const cipher = new TokenCipher([newKey]);
    const a = cipher.encrypt('access-token-123', 'conn-1');
    const b = cipher.encrypt('access-token-123', 'conn-1');
    expect(a).not.toContain('access-token');
    expect(a).not.toEqual(b);
    expect(a.startsWith('v1.new.')).toBe(true);
    expect(cipher.decrypt(a, 'conn-1')).toBe('access-token-123');
  });

  it('refuses a tampered value, another context, or an unknown key', () => {
    const cipher = new TokenCipher([newKey]);
    const sealed = cipher.encrypt('secret', 'conn-1');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('xxxxxx').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'conn-1')).toThrow();
    expect(() => cipher.decrypt(sealed, 'conn-2')).toThrow();
    expect(() => new TokenCipher([oldKey]).decrypt(sealed, 'conn-1')).toThrow(/unknown key/);
  });

  it('refuses a truncated authentication tag, which GCM would otherwise check only as far as it goes', () => {
    const cipher = new TokenCipher([newKey]);
    const [version, id, iv, tag, body] = cipher.encrypt('access-token-123', 'conn-1').split('.');
    const short = Buffer.from(tag, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => cipher.decrypt([version, id, iv, short, body].join('.'), 'conn-1')).toThrow(
      'Encrypted value has an unknown key or format',
    );
    const longIv = Buffer.alloc(16).toString('base64url');
    expect(() => cipher.decrypt([version, id, longIv, tag, body].join('.'), 'conn-1')).toThrow();
  });

  it('reads values of a rotated-out key and flags them stale', () => {
    const sealedWithOld = new TokenCipher([oldKey]).encrypt('secret');
    const rotated = new TokenCipher([newKey, oldKey]);
    expect(rotated.decrypt(sealedWithOld)).toBe('secret');
    expect(rotated.isStale(sealedWithOld)).toBe(true);
    expect(rotated.isStale(rotated.encrypt('secret'))).toBe(false);
  });

  it('rejects malformed key settings without echoing them', () => {
    expect(() => parseCipherKeys(['k1:c2hvcnQ='])).toThrow('TOKEN_ENCRYPTION_KEYS entry 1 must be');
    expect(() => parseCipherKeys([generateCipherKeyEntry('a'), generateCipherKeyEntry('a')])).toThrow(
      /repeated/,
    );
  });

  it('signs and verifies with a derived key', () => {
    const key = new TokenCipher([newKey]).derivedKey('oauth-state');
    const signature = sign(key, 'nonce');
    expect(isValidSignature(key, 'nonce', signature)).toBe(true);
    expect(isValidSignature(key, 'other', signature)).toBe(false);
  });
});
