import type { PlatformAppConfig } from '@app/config';
import { type AccountProfile, type OAuthProvider, PublishError, type TokenSet } from '../provider.js';
import type { TikTokApi } from './tiktok-api.js';

export const TIKTOK_SCOPES = 'user.info.basic,video.publish,video.upload,video.list';

/** TikTok's v2 endpoints end in a slash; configured URLs arrive without it. */
export function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** TikTok Login Kit v2: client_key in the authorize URL, client credentials in every form body. */
export class TikTokOAuth implements OAuthProvider {
  constructor(
    private readonly app: PlatformAppConfig,
    private readonly api: TikTokApi,
    private readonly callTimeoutMs: number,
  ) {}

  authorizeUrl(input: { state: string; codeChallenge: string; redirectUri: string }): string {
    const url = new URL(withTrailingSlash(this.app.authUrl));
    url.search = new URLSearchParams({
      client_key: this.requireClientKey(),
      response_type: 'code',
      scope: TIKTOK_SCOPES,
      redirect_uri: input.redirectUri,
      state: input.state,
      code_challenge: input.codeChallenge,
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  }

  exchangeCode(input: { code: string; codeVerifier: string; redirectUri: string }): Promise<TokenSet> {
    return this.tokenRequest({
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: input.redirectUri,
      code_verifier: input.codeVerifier,
    });
  }

  /** TikTok rotates refresh tokens: the answer's refresh_token replaces the one sent, which is now spent. */
  refresh(refreshToken: string): Promise<TokenSet> {
    return this.tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  async fetchAccount(accessToken: string): Promise<AccountProfile> {
    const data = await this.api.get<{
      user?: { open_id?: string; display_name?: string; avatar_url?: string };
    }>('/v2/user/info/?fields=open_id,display_name,avatar_url', {
      accessToken,
      doing: 'reading your TikTok account',
    });
    if (!data.user?.open_id)
      throw new PublishError('retryable', 'TikTok answered without the account’s open_id');
    return {
      id: data.user.open_id,
      name: data.user.display_name || data.user.open_id,
      avatarUrl: data.user.avatar_url ?? null,
    };
  }

  async revoke(token: string): Promise<void> {
    await fetch(withTrailingSlash(this.app.tokenUrl.replace(/\/token\/?$/, '/revoke')), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...this.clientFields(), token }),
      signal: AbortSignal.timeout(this.callTimeoutMs),
    });
  }

  private async tokenRequest(fields: Record<string, string>): Promise<TokenSet> {
    const response = await fetch(withTrailingSlash(this.app.tokenUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...this.clientFields(), ...fields }),
      signal: AbortSignal.timeout(this.callTimeoutMs),
    }).catch(() => {
      throw new PublishError(
        'retryable',
        'TikTok could not be reached to renew access; Shopcast will try again',
      );
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.status >= 500)
      throw new PublishError(
        'retryable',
        `TikTok's token endpoint answered ${response.status}`,
        response.status,
      );
    // TikTok's token endpoint answers errors as a flat `{error, error_description, log_id}`.
    if (typeof body.error === 'string' || typeof body.access_token !== 'string')
      throw new PublishError(
        'needs_reconnect',
        `TikTok refused the authorization (${String(body.error ?? response.status)}); reconnect the account`,
        response.status,
      );
    return {
      accessToken: body.access_token,
      refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : null,
      expiresAt: typeof body.expires_in === 'number' ? new Date(Date.now() + body.expires_in * 1000) : null,
      scopes: typeof body.scope === 'string' ? body.scope : null,
    };
  }

  private clientFields(): Record<string, string> {
    const clientSecret = this.app.clientSecret;
    if (!clientSecret)
      throw new PublishError(
        'needs_reconnect',
        'TikTok is not configured on this server (TIKTOK_CLIENT_SECRET)',
      );
    return { client_key: this.requireClientKey(), client_secret: clientSecret };
  }

  private requireClientKey(): string {
    const clientKey = this.app.clientId;
    if (!clientKey)
      throw new PublishError('needs_reconnect', 'TikTok is not configured on this server (TIKTOK_CLIENT_ID)');
    return clientKey;
  }
}
