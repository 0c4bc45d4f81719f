import type { Principal } from '@app/contracts';
import { VerifiedTokenCache } from './verified-token.cache.js';

/** What a lookup found, and until when (seconds since the epoch) it may be trusted without asking again. */
export interface PrincipalFound {
  principal: Principal;
  trustedUntilSec: number;
}

/**
 * Principals the gateway had to ask auth for, each trusted until the deadline of its answer; concurrent requests
 * for one key share a single lookup, and a failed lookup is not kept (the next request asks again).
 */
export class PrincipalLookups {
  private readonly found = new VerifiedTokenCache();
  private readonly pending = new Map<string, Promise<Principal>>();

  principalFor(key: string, nowMs: number, lookUp: () => Promise<PrincipalFound>): Promise<Principal> {
    const cached = this.found.get(key, nowMs);
    if (cached) return Promise.resolve(cached);
    let running = this.pending.get(key);
    if (!running) {
      running = lookUp()
        .then(({ principal, trustedUntilSec }) => {
          this.found.set(key, principal, trustedUntilSec);
          return principal;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, running);
    }
    return running;
  }
}
