import { Injectable } from '@nestjs/common';
import { API_KEY_PATTERN, ApiKeySubjects, type Principal, UnauthorizedError } from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { PrincipalLookups } from '../auth/principal-lookups.js';

/** How long a verified key is trusted without asking auth again: a revoked key stops working within this. */
export const API_KEY_CACHE_SEC = 5;

/**
 * Turns an API key into the principal it acts as, asking auth over the bus and trusting the answer for at
 * most 5 seconds (less when the key expires sooner), so every gateway stops accepting a revoked key, or a
 * key whose creator left, within seconds while a busy script costs auth one request per 5 seconds.
 */
@Injectable()
export class ApiKeyVerifier {
  private readonly verified = new PrincipalLookups();

  constructor(private readonly rpc: RpcClient) {}

  principalOf(apiKey: string, call: Omit<CallContext, 'principal'>, nowMs = Date.now()): Promise<Principal> {
    return this.verified.principalFor(apiKey, nowMs, async () => {
      if (!API_KEY_PATTERN.test(apiKey)) throw new UnauthorizedError('Malformed API key');
      const verified = await this.rpc.send(ApiKeySubjects.verify, { apiKey }, { ...call, principal: null });
      const expiresAtMs = verified.expiresAt === null ? Infinity : Date.parse(verified.expiresAt);
      const trustedUntilMs = Math.min(nowMs + API_KEY_CACHE_SEC * 1000, expiresAtMs);
      return { principal: verified.principal, trustedUntilSec: trustedUntilMs / 1000 };
    });
  }
}
