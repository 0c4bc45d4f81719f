import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { type ResolvedLink, UnavailableError } from '@app/contracts';
import type { RpcClient } from '@app/messaging';
import { testConfig } from '../../../../test/support/test-config.js';
import { LinkCache } from './link-cache.js';

/** Stands in for the analytics service: answers code lookups from a map, or fails while it is "down". */
class FakeAnalytics {
  lookups = 0;
  isDown = false;
  readonly links = new Map<string, ResolvedLink>();

  asRpc(): RpcClient {
    return {
      send: async (_subject: string, data: { code: string }) => {
        this.lookups += 1;
        await new Promise((resolve) => setImmediate(resolve));
        if (this.isDown) throw new UnavailableError();
        return { link: this.links.get(data.code) ?? null };
      },
    } as unknown as RpcClient;
  }
}

function link(): ResolvedLink {
  return {
    id: randomUUID(),
    workspaceId: randomUUID(),
    trackedUrl: 'https://shop.example/',
    productId: null,
    postId: null,
    targetId: null,
    variant: null,
    platform: null,
    expiresAt: null,
  };
}

const resolve = async (cache: LinkCache, code: string) => cache.get(code, Date.now());

describe('LinkCache', () => {
  it('asks once per code for concurrent visits, then answers from memory until the TTL', async () => {
    const analytics = new FakeAnalytics();
    analytics.links.set('abc123', link());
    const cache = new LinkCache(analytics.asRpc(), testConfig({ LINK_CACHE_TTL_MS: '60000' }));
    const results = await Promise.all(Array.from({ length: 10 }, () => resolve(cache, 'abc123')));
    expect(results.every((r) => r?.trackedUrl === 'https://shop.example/')).toBe(true);
    expect(analytics.lookups).toBe(1);
    expect(cache.get('abc123', Date.now())).toEqual(results[0]);
    expect(cache.get('abc123', Date.now() + 61_000)).toBeInstanceOf(Promise);
  });

  it('caches unknown codes, never looks up impossible ones, and forgets a link changed here', async () => {
    const analytics = new FakeAnalytics();
    const cache = new LinkCache(analytics.asRpc(), testConfig({ LINK_CACHE_TTL_MS: '60000' }));
    expect(await resolve(cache, 'nope12')).toBeNull();
    expect(await resolve(cache, 'nope12')).toBeNull();
    expect(cache.get('../etc/passwd', Date.now())).toBeNull();
    expect(analytics.lookups).toBe(1);

    const known = link();
    analytics.links.set('known1', known);
    await resolve(cache, 'known1');
    analytics.links.delete('known1');
    cache.invalidateLink(known.id);
    expect(await resolve(cache, 'known1')).toBeNull();
  });

  it('keeps serving a known link while analytics cannot answer, and fails for unknown ones', async () => {
    const analytics = new FakeAnalytics();
    const known = link();
    analytics.links.set('known1', known);
    const cache = new LinkCache(analytics.asRpc(), testConfig({ LINK_CACHE_TTL_MS: '0' }));
    expect(await resolve(cache, 'known1')).toEqual(known);
    analytics.isDown = true;
    expect(await resolve(cache, 'known1')).toEqual(known);
    await expect(resolve(cache, 'other1')).rejects.toBeInstanceOf(UnavailableError);
  });
});
