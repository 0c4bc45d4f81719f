import { createHash, randomBytes } from 'node:crypto';
import type { ConnectionView } from '@app/contracts';
import type { CallContext, RpcClient } from '@app/messaging';
import type { PublishCredentials, TokenSet } from '../../apps/platform/src/providers/provider.js';
import type { TikTokProvider } from '../../apps/platform/src/providers/tiktok/tiktok.provider.js';
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

/** Connects a TikTokProvider to its fake directly (authorize URL, the fake's consent redirect, code exchange). */
export async function connectTikTokProvider(provider: TikTokProvider): Promise<TokenSet> {
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = 'http://localhost:1/callback';
  const url = provider.oauth.authorizeUrl({
    state: 'state-1',
    codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
    redirectUri,
  });
  const consent = await fetch(url, { redirect: 'manual' });
  const code = new URL(consent.headers.get('location') as string).searchParams.get('code') as string;
  return provider.oauth.exchangeCode({ code, codeVerifier: verifier, redirectUri });
}

/** Publish credentials of a token from connectTikTokProvider. */
export function tiktokCredentials(tokens: TokenSet): PublishCredentials {
  return {
    accessToken: tokens.accessToken,
    accountId: null,
    accountName: null,
    webhookUrl: null,
    signingSecret: null,
  };
}
