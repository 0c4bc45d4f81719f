import { randomUUID } from 'node:crypto';
import {
  ConnectionSubjects,
  type ConnectionView,
  type OAuthPlatform,
  type SafetyLimitsDto,
} from '@app/contracts';
import type { CallContext, RpcClient } from '@app/messaging';

/**
 * Connects a fake platform account over the bus through the real OAuth flow (authorize, the fake's
 * consent redirect, callback), then sets the given limits (by default none, so tests publish back to back).
 */
export async function connectThroughOAuth(
  rpc: RpcClient,
  platform: OAuthPlatform,
  context: () => CallContext,
  limits: SafetyLimitsDto = { dailyCap: null, minGapSec: 0, jitterSec: 0 },
): Promise<ConnectionView> {
  const { url, browserBinding } = await rpc.send(ConnectionSubjects.authorize, { platform }, context());
  const consent = await fetch(url, { redirect: 'manual' });
  const back = new URL(consent.headers.get('location') as string);
  const connection = await rpc.send(
    ConnectionSubjects.callback,
    {
      platform,
      code: back.searchParams.get('code') as string,
      state: back.searchParams.get('state') as string,
      browserBinding,
    },
    { principal: null, correlationId: randomUUID() },
  );
  return rpc.send(ConnectionSubjects.update, { id: connection.id, patch: { limits } }, context());
}
