import { randomUUID } from 'node:crypto';
import { ConnectionSubjects, type ConnectionView } from '@app/contracts';
import type { CallContext, RpcClient } from '@app/messaging';

/**
 * Connects the fake X account over the bus through the real OAuth flow (authorize, the fake's consent
 * redirect, callback), with no safety limits so tests publish back to back.
 */
export async function connectFakeX(rpc: RpcClient, context: () => CallContext): Promise<ConnectionView> {
  const { url } = await rpc.send(ConnectionSubjects.authorize, { platform: 'x' }, context());
  const consent = await fetch(url, { redirect: 'manual' });
  const back = new URL(consent.headers.get('location') as string);
  const connection = await rpc.send(
    ConnectionSubjects.callback,
    {
      platform: 'x',
      code: back.searchParams.get('code') as string,
      state: back.searchParams.get('state') as string,
    },
    { principal: null, correlationId: randomUUID() },
  );
  return rpc.send(
    ConnectionSubjects.update,
    { id: connection.id, patch: { limits: { dailyCap: null, minGapSec: 0 } } },
    context(),
  );
}

/** The environment that points the X provider at a fake. */
export function fakeXEnv(xUrl: string, clientId: string, clientSecret: string): Record<string, string> {
  return {
    X_CLIENT_ID: clientId,
    X_CLIENT_SECRET: clientSecret,
    X_API_BASE_URL: xUrl,
    X_AUTH_URL: `${xUrl}/i/oauth2/authorize`,
    X_TOKEN_URL: `${xUrl}/2/oauth2/token`,
  };
}
