import type {
  AccountProfile,
  OAuthProvider,
  PublishCredentials,
} from '../../../apps/platform/src/providers/provider.js';

/**
 * Runs a Meta provider's OAuth side against the fake: dialog (approved at once), code exchange, long-lived
 * token, account. Returns what a connection would hold.
 */
export async function connectMeta(
  oauth: OAuthProvider,
): Promise<{ credentials: PublishCredentials; account: AccountProfile; refreshToken: string | null }> {
  const redirectUri = 'http://localhost:1/api/v1/connections/meta/callback';
  const url = oauth.authorizeUrl({ state: 'state-1', codeChallenge: 'unused', redirectUri });
  const consent = await fetch(url, { redirect: 'manual' });
  const code = new URL(consent.headers.get('location') as string).searchParams.get('code') as string;
  const tokens = await oauth.exchangeCode({ code, codeVerifier: 'unused', redirectUri });
  const account = await oauth.fetchAccount(tokens.accessToken);
  return {
    account,
    refreshToken: tokens.refreshToken,
    credentials: {
      accessToken: tokens.accessToken,
      accountId: account.id,
      accountName: account.name,
      webhookUrl: null,
      signingSecret: null,
    },
  };
}
