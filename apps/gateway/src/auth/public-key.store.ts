import { createPublicKey, type JsonWebKey, type KeyObject, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuthSubjects, type JwksView } from '@app/contracts';
import { RpcClient } from '@app/messaging';

const MIN_REFRESH_INTERVAL_MS = 10_000;

/**
 * The auth service's public signing keys, fetched over the bus and cached: the gateway verifies tokens
 * but never holds a signing key. An unknown kid triggers a refetch (key rotation), at most every 10 s.
 */
@Injectable()
export class PublicKeyStore {
  private keys = new Map<string, KeyObject>();
  private jwks: JwksView = { keys: [] };
  private fetchedAt = 0;
  private inFlight?: Promise<void>;

  constructor(private readonly rpc: RpcClient) {}

  /** The public key for a kid (parsed once, not per request), or undefined when auth does not know it. */
  async keyFor(kid: string): Promise<KeyObject | undefined> {
    const cached = this.keys.get(kid);
    if (cached) return cached;
    if (Date.now() - this.fetchedAt >= MIN_REFRESH_INTERVAL_MS) await this.refresh();
    return this.keys.get(kid);
  }

  async publicJwks(): Promise<JwksView> {
    if (this.fetchedAt === 0) await this.refresh();
    return this.jwks;
  }

  private refresh(): Promise<void> {
    this.inFlight ??= this.fetch().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async fetch(): Promise<void> {
    const jwks = await this.rpc.send(AuthSubjects.jwks, {}, { principal: null, correlationId: randomUUID() });
    const keys = new Map<string, KeyObject>();
    for (const jwk of jwks.keys) {
      if (typeof jwk.kid !== 'string') continue;
      keys.set(jwk.kid, createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }));
    }
    this.keys = keys;
    this.jwks = jwks;
    this.fetchedAt = Date.now();
  }
}
