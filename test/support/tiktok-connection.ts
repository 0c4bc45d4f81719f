import type { ConnectionView } from '@app/contracts';
import type { CallContext, RpcClient } from '@app/messaging';
import { connectThroughOAuth } from './oauth-connection.js';

/** The environment that points the TikTok provider at a fake. */
export function fakeTikTokEnv(url: string, clientKey: string, clientSecret: string): Record<string, string> {
  return {
    TIKTOK_CLIENT_ID: clientKey,
    TIKTOK_CLIENT_SECRET: clientSecret,
    TIKTOK_API_BASE_URL: url,
    TIKTOK_AUTH_URL: `${url}/v2/auth/authorize/`,
    TIKTOK_TOKEN_URL: `${url}/v2/oauth/token/`,
  };
}

/** Connects the fake TikTok account through the real OAuth flow, with no safety limits. */
export function connectFakeTikTok(rpc: RpcClient, context: () => CallContext): Promise<ConnectionView> {
  return connectThroughOAuth(rpc, 'tiktok', context);
}
