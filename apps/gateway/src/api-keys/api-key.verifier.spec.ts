import { describe, expect, it } from '@jest/globals';
import {
  type ApiKeySubjects,
  type Principal,
  type ReplyOf,
  type RequestOf,
  UnauthorizedError,
  type VerifiedApiKeyView,
} from '@app/contracts';
import type { RpcClient } from '@app/messaging';
import { API_KEY_CACHE_SEC, ApiKeyVerifier } from './api-key.verifier.js';

type Verify = typeof ApiKeySubjects.verify;
const KEY = `sk_${'A1b2'.repeat(10)}xyz`;
const principal: Principal = { userId: 'u', workspaceId: 'w', role: 'editor', apiKeyId: 'k' };
const call = { correlationId: 'c' };

/** Stands in for auth on the bus: answers every verification with `answer`, and keeps the requests. */
class AuthOnTheBus {
  readonly requests: Array<RequestOf<Verify>> = [];
  constructor(private readonly answer: () => Promise<VerifiedApiKeyView>) {}

  send(_subject: Verify, data: RequestOf<Verify>): Promise<ReplyOf<Verify>> {
    this.requests.push(data);
    return this.answer();
  }
}

function verifierWith(answer: () => Promise<VerifiedApiKeyView>) {
  const bus = new AuthOnTheBus(answer);
  return { bus, verifier: new ApiKeyVerifier(bus as unknown as RpcClient) };
}

describe('ApiKeyVerifier', () => {
  it('asks auth once, then trusts the answer for 5 seconds and no longer', async () => {
    const { bus, verifier } = verifierWith(async () => ({ principal, expiresAt: null }));
    const start = 1_000_000;
    expect(await verifier.principalOf(KEY, call, start)).toEqual(principal);
    expect(await verifier.principalOf(KEY, call, start + API_KEY_CACHE_SEC * 1000 - 1)).toEqual(principal);
    expect(bus.requests).toEqual([{ apiKey: KEY }]);
    await verifier.principalOf(KEY, call, start + API_KEY_CACHE_SEC * 1000);
    expect(bus.requests).toHaveLength(2);
  });

  it('trusts a key that expires sooner only until it expires', async () => {
    const start = Date.parse('2030-01-01T00:00:00Z');
    const expiresAt = new Date(start + 2000).toISOString();
    const { bus, verifier } = verifierWith(async () => ({ principal, expiresAt }));
    await verifier.principalOf(KEY, call, start);
    await verifier.principalOf(KEY, call, start + 1999);
    expect(bus.requests).toHaveLength(1);
    await verifier.principalOf(KEY, call, start + 2000);
    expect(bus.requests).toHaveLength(2);
  });

  it('verifies once for concurrent requests with one key', async () => {
    const { bus, verifier } = verifierWith(async () => ({ principal, expiresAt: null }));
    const principals = await Promise.all([1, 2, 3].map(() => verifier.principalOf(KEY, call)));
    expect(principals).toEqual([principal, principal, principal]);
    expect(bus.requests).toHaveLength(1);
  });

  it('does not remember a refusal: the next request asks again', async () => {
    const { bus, verifier } = verifierWith(() =>
      Promise.reject(new UnauthorizedError('This API key has expired')),
    );
    await expect(verifier.principalOf(KEY, call)).rejects.toThrow(UnauthorizedError);
    await expect(verifier.principalOf(KEY, call)).rejects.toThrow('This API key has expired');
    expect(bus.requests).toHaveLength(2);
  });

  it('refuses a malformed key without asking auth, and never repeats the key in the error', async () => {
    const { bus, verifier } = verifierWith(async () => ({ principal, expiresAt: null }));
    const malformed = 'sk_not-a-key';
    const failure = verifier.principalOf(malformed, call);
    await expect(failure).rejects.toThrow(UnauthorizedError);
    await expect(failure).rejects.toThrow(/^Malformed API key$/);
    expect(bus.requests).toEqual([]);
  });
});
