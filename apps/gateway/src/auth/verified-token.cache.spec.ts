import { describe, expect, it } from '@jest/globals';
import type { Principal } from '@app/contracts';
import { VerifiedTokenCache } from './verified-token.cache.js';

const principal: Principal = { userId: 'u', workspaceId: 'w', role: 'editor' };

describe('VerifiedTokenCache', () => {
  it('returns a verified token until it expires', () => {
    const cache = new VerifiedTokenCache();
    cache.set('token-a', principal, 100);
    expect(cache.get('token-a', 99_999)).toEqual(principal);
    expect(cache.get('token-a', 100_000)).toBeUndefined();
    expect(cache.get('token-a', 50_000)).toBeUndefined();
  });

  it('knows only the exact token, signature included', () => {
    const cache = new VerifiedTokenCache();
    cache.set('header.payload.signature', principal, Date.now() / 1000 + 60);
    expect(cache.get('header.payload.forged')).toBeUndefined();
  });

  it('stays bounded, dropping the oldest entries', () => {
    const cache = new VerifiedTokenCache();
    const expiresAt = Date.now() / 1000 + 60;
    for (let i = 0; i <= 10_000; i += 1) cache.set(`t${i}`, principal, expiresAt);
    expect(cache.get('t0')).toBeUndefined();
    expect(cache.get('t10000')).toEqual(principal);
  });
});
