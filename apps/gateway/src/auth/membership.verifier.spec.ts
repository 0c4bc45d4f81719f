import { describe, expect, it } from '@jest/globals';
import {
  type AuthSubjects,
  type Principal,
  type ReplyOf,
  type Role,
  UnauthorizedError,
} from '@app/contracts';
import type { CallContext, RpcClient } from '@app/messaging';
import { MEMBERSHIP_CACHE_SEC, MembershipVerifier } from './membership.verifier.js';

type Current = typeof AuthSubjects.currentMember;
const fromToken: Principal = { userId: 'u', workspaceId: 'w', role: 'owner' };
const call = { correlationId: 'c' };
const TTL_MS = MEMBERSHIP_CACHE_SEC * 1000;

/** Stands in for auth on the bus: answers with the member's role now (or refuses), and keeps who asked. */
class AuthOnTheBus {
  readonly askedBy: Array<Principal | null> = [];
  constructor(public answer: () => Promise<Role>) {}

  async send(_subject: Current, _data: unknown, context: CallContext): Promise<ReplyOf<Current>> {
    this.askedBy.push(context.principal);
    return { role: await this.answer() };
  }
}

function verifierWith(answer: () => Promise<Role>) {
  const bus = new AuthOnTheBus(answer);
  return { bus, verifier: new MembershipVerifier(bus as unknown as RpcClient) };
}

describe('MembershipVerifier', () => {
  it("replaces the token's role with the one auth holds now, asking as the token's member", async () => {
    const { bus, verifier } = verifierWith(async () => 'viewer');
    expect(await verifier.currentPrincipal(fromToken, call)).toEqual({ ...fromToken, role: 'viewer' });
    expect(bus.askedBy).toEqual([fromToken]);
  });

  it('trusts an answer for a few seconds and no longer, so a change reaches this gateway within 5 seconds', async () => {
    const { bus, verifier } = verifierWith(async () => 'editor');
    const start = 1_000_000;
    await verifier.currentPrincipal(fromToken, call, start);
    bus.answer = async () => 'viewer';
    expect((await verifier.currentPrincipal(fromToken, call, start + TTL_MS - 1)).role).toBe('editor');
    expect(bus.askedBy).toHaveLength(1);
    expect((await verifier.currentPrincipal(fromToken, call, start + TTL_MS)).role).toBe('viewer');
    expect(bus.askedBy).toHaveLength(2);
  });

  it('keeps members apart: another member, or the same user in another workspace, is asked for', async () => {
    const { bus, verifier } = verifierWith(async () => 'editor');
    await verifier.currentPrincipal(fromToken, call);
    await verifier.currentPrincipal({ ...fromToken, userId: 'v' }, call);
    await verifier.currentPrincipal({ ...fromToken, workspaceId: 'x' }, call);
    expect(bus.askedBy).toHaveLength(3);
  });

  it('asks once for concurrent requests of one member', async () => {
    const { bus, verifier } = verifierWith(async () => 'admin');
    const principals = await Promise.all([1, 2, 3].map(() => verifier.currentPrincipal(fromToken, call)));
    expect(principals.map((principal) => principal.role)).toEqual(['admin', 'admin', 'admin']);
    expect(bus.askedBy).toHaveLength(1);
  });

  it('refuses a removed member every time, never from a cached refusal or a cached role', async () => {
    const { bus, verifier } = verifierWith(async () => {
      throw new UnauthorizedError('You are no longer a member of this workspace');
    });
    await expect(verifier.currentPrincipal(fromToken, call)).rejects.toThrow('no longer a member');
    bus.answer = async () => 'editor';
    expect((await verifier.currentPrincipal(fromToken, call)).role).toBe('editor');
  });
});
