import type { ConnectionView } from '@app/contracts';
import type { CallContext, RpcClient } from '@app/messaging';
import { connectThroughOAuth } from './oauth-connection.js';

/** Connects the fake Pinterest account through the real OAuth flow, with no safety limits. */
export function connectFakePinterest(rpc: RpcClient, context: () => CallContext): Promise<ConnectionView> {
  return connectThroughOAuth(rpc, 'pinterest', context);
}

/** The environment that points the Pinterest provider at a fake. */
export function fakePinterestEnv(
  url: string,
  clientId: string,
  clientSecret: string,
): Record<string, string> {
  return {
    PINTEREST_CLIENT_ID: clientId,
    PINTEREST_CLIENT_SECRET: clientSecret,
    PINTEREST_API_BASE_URL: url,
    PINTEREST_AUTH_URL: `${url}/oauth/`,
    PINTEREST_TOKEN_URL: `${url}/v5/oauth/token`,
  };
}
