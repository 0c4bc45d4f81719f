import { Injectable } from '@nestjs/common';
import { API_KEY_PATTERN, ApiKeySubjects, type Principal, UnauthorizedError } from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { SingleFlight } from '../auth/single-flight.js';
import { VerifiedTokenCache } from '../auth/verified-token.cache.js';

/** How long a verified key is trusted without asking auth again: a revoked key stops working within this. */
export const API_KEY_CACHE_SEC = 5;

/**
 * Turns an API key into the principal it acts as, asking auth over the bus and trusting the answer for at
 * most 5 seconds (less when the key expires sooner), so every gateway stops accepting a revoked key, or a
 * key whose creator left, within seconds while a busy script costs auth one request per 5 seconds.
 */
@Injectable()
export class ApiKeyVerifier {
  private readonly verified = new VerifiedTokenCache();
  /** Concurrent requests with one key share one verification. */
  private readonly verifications = new SingleFlight<Principal>();

  constructor(private readonly rpc: RpcClient) {}

  async principalOf(
    apiKey: string,
    call: Omit<CallContext, 'principal'>,
    nowMs = Date.now(),
  ): Promise<Principal> {
    const cached = this.verified.get(apiKey, nowMs);
    if (cached) return cached;
    if (!API_KEY_PATTERN.test(apiKey)) throw new UnauthorizedError('Malformed API key');
    return this.verifications.run(apiKey, () => this.verify(apiKey, call, nowMs));
  }

  private async verify(apiKey: string, call: Omit<CallContext, 'principal'>, nowMs: number) {
    const verified = await this.rpc.send(ApiKeySubjects.verify, { apiKey }, { ...call, principal: null });
    const expiresAtMs = verified.expiresAt === null ? Infinity : Date.parse(verified.expiresAt);
    this.verified.set(
      apiKey,
      verified.principal,
      Math.min(nowMs + API_KEY_CACHE_SEC * 1000, expiresAtMs) / 1000,
    );
    return verified.principal;
  }
}
