import type { PlatformAppConfig } from '@app/config';
import { PublishError, type TokenSet } from '../provider.js';
import type { GraphClient } from './graph-client.js';
import type { GraphErrorBody } from './graph-errors.js';

/** A short-lived user token lasts 1–2 h; the long-lived one about 60 days. */
interface GraphToken {
  access_token?: string;
  token_type?: string;
  expires_in?: number;
}

/**
 * Facebook Login: the dialog, the code exchange, the long-lived user token (also kept as the "refresh
 * token", re-exchanged before it expires), and revoking the app's permissions.
 */
export class MetaLogin {
  constructor(
    private readonly app: PlatformAppConfig,
    private readonly graph: GraphClient,
    private readonly label: string,
    private readonly scopes: string[],
    private readonly callTimeoutMs: number,
  ) {}

  authorizeUrl(input: { state: string; redirectUri: string }): string {
    const url = new URL(this.app.authUrl);
    url.search = new URLSearchParams({
      client_id: this.clientId(),
      redirect_uri: input.redirectUri,
      state: input.state,
      response_type: 'code',
      scope: this.scopes.join(','),
    }).toString();
    return url.toString();
  }

  async exchangeCode(input: { code: string; redirectUri: string }): Promise<TokenSet> {
    const short = await this.tokenRequest({
      client_id: this.clientId(),
      client_secret: this.clientSecret(),
      redirect_uri: input.redirectUri,
      code: input.code,
    });
    return this.longLived(short.access_token as string);
  }

  /** Exchanges a (long-lived) user token for a fresh long-lived one. */
  refresh(userToken: string): Promise<TokenSet> {
    return this.longLived(userToken);
  }

  async revoke(userToken: string): Promise<void> {
    await this.graph.delete('/me/permissions', userToken, { doing: 'revoking access' });
  }

  private async longLived(userToken: string): Promise<TokenSet> {
    const body = await this.tokenRequest({
      grant_type: 'fb_exchange_token',
      client_id: this.clientId(),
      client_secret: this.clientSecret(),
      fb_exchange_token: userToken,
    });
    const token = body.access_token as string;
    return {
      accessToken: token,
      refreshToken: token,
      expiresAt: typeof body.expires_in === 'number' ? new Date(Date.now() + body.expires_in * 1000) : null,
      scopes: this.scopes.join(','),
    };
  }

  private async tokenRequest(params: Record<string, string>): Promise<GraphToken> {
    const url = new URL(this.app.tokenUrl);
    url.search = new URLSearchParams(params).toString();
    const response = await fetch(url, { signal: AbortSignal.timeout(this.callTimeoutMs) }).catch(() => {
      throw new PublishError(
        'retryable',
        `${this.label} could not be reached to renew access; Shopcast will try again`,
      );
    });
    const body = (await response.json().catch(() => ({}))) as GraphToken & GraphErrorBody;
    if (response.ok && typeof body.access_token === 'string') return body;
    if (response.status >= 500 || body.error?.is_transient)
      throw new PublishError(
        'retryable',
        `${this.label}'s token endpoint answered ${response.status}`,
        response.status,
      );
    throw new PublishError(
      'needs_reconnect',
      `${this.label} refused the authorization (${body.error?.message ?? response.status}); reconnect the account`,
      response.status,
    );
  }

  private clientId(): string {
    if (!this.app.clientId)
      throw new PublishError('needs_reconnect', `${this.label} is not configured on this server (client id)`);
    return this.app.clientId;
  }

  private clientSecret(): string {
    if (!this.app.clientSecret)
      throw new PublishError(
        'needs_reconnect',
        `${this.label} is not configured on this server (client secret)`,
      );
    return this.app.clientSecret;
  }
}
