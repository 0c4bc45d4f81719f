import type { ConnectionView } from '@app/contracts';
import type { CallContext, RpcClient } from '@app/messaging';
import { connectThroughOAuth } from './oauth-connection.js';

/** Connects the fake X account through the real OAuth flow, with no daily cap and no gap between posts. */
export function connectFakeX(rpc: RpcClient, context: () => CallContext): Promise<ConnectionView> {
  return connectThroughOAuth(rpc, 'x', context, { dailyCap: null, minGapSec: 0 });
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
