import { Injectable } from '@nestjs/common';
import { AuthSubjects, type Principal } from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { PrincipalLookups } from './principal-lookups.js';

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
  private readonly current = new PrincipalLookups();

  constructor(private readonly rpc: RpcClient) {}

  currentPrincipal(
    token: Principal,
    call: Omit<CallContext, 'principal'>,
    nowMs = Date.now(),
  ): Promise<Principal> {
    return this.current.principalFor(`${token.workspaceId}:${token.userId}`, nowMs, async () => {
      const { role } = await this.rpc.send(AuthSubjects.currentMember, {}, { ...call, principal: token });
      return {
        principal: { userId: token.userId, workspaceId: token.workspaceId, role },
        trustedUntilSec: (nowMs + MEMBERSHIP_CACHE_SEC * 1000) / 1000,
      };
    });
  }
}
