import { Injectable } from '@nestjs/common';
import { AuthSubjects, type Principal } from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { SingleFlight } from './single-flight.js';
import { VerifiedTokenCache } from './verified-token.cache.js';

/**
 * How long a member's current role is trusted without asking auth again: a removal or role change reaches every
 * gateway within this, and takes effect within 5 seconds with the time of the requests themselves.
 */
export const MEMBERSHIP_CACHE_SEC = 4;

/**
 * Turns the principal of a signed-in member's access token into the one they hold now: auth is asked for the
 * member's current role at most once per 4 seconds per member and gateway, so a removed member is refused
 * (401), and a demoted one acts with the new role, on every gateway and service within seconds, whatever the
 * lifetime of the token they hold.
 */
@Injectable()
export class MembershipVerifier {
  private readonly current = new VerifiedTokenCache();
  private readonly lookups = new SingleFlight<Principal>();

  constructor(private readonly rpc: RpcClient) {}

  async currentPrincipal(
    token: Principal,
    call: Omit<CallContext, 'principal'>,
    nowMs = Date.now(),
  ): Promise<Principal> {
    const key = `${token.workspaceId}:${token.userId}`;
    const cached = this.current.get(key, nowMs);
    if (cached) return cached;
    return this.lookups.run(key, () => this.lookUp(key, token, call, nowMs));
  }

  private async lookUp(key: string, token: Principal, call: Omit<CallContext, 'principal'>, nowMs: number) {
    const { role } = await this.rpc.send(AuthSubjects.currentMember, {}, { ...call, principal: token });
    const principal: Principal = { userId: token.userId, workspaceId: token.workspaceId, role };
    this.current.set(key, principal, (nowMs + MEMBERSHIP_CACHE_SEC * 1000) / 1000);
    return principal;
  }
}
