import { Injectable } from '@nestjs/common';
import type { Principal } from '@app/contracts';

const MAX_ENTRIES = 10_000;

interface Entry {
  principal: Principal;
  expiresAtMs: number;
}

/**
 * Access tokens already verified, keyed by the whole token (signature included, so a forged token never
 * matches), kept until they expire. Saves a signature check per request for clients that reuse a token.
 */
@Injectable()
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  get(token: string, nowMs = Date.now()): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAtMs <= nowMs) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.principal;
  }

  set(token: string, principal: Principal, expiresAtSec: number): void {
    if (this.entries.size >= MAX_ENTRIES) {
      // Oldest first: Map keeps insertion order.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, { principal, expiresAtMs: expiresAtSec * 1000 });
  }
}
