import { checkPost, rulesFor } from '@app/platform-rules';
import type { PlatformAppConfig } from '@app/config';
import type { PostMetricsSnapshot, SafetyLimitsView } from '@app/contracts';
import { downloadImage } from './media-download.js';
import { toMetricsSnapshot, X_METRICS_QUERY, type XPostMetrics } from './x-metrics.js';
import {
  type AccountProfile,
  type OAuthProvider,
  type Provider,
  type PublishCredentials,
  PublishError,
  type PublishRequest,
  type PublishResult,
  type TokenSet,
} from './provider.js';

const SCOPES = 'tweet.read tweet.write users.read media.write offline.access';
const MAX_IMAGES = 4;
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export interface XProviderOptions {
  app: PlatformAppConfig;
  callTimeoutMs: number;
  allowPrivateUrls: boolean;
}

interface XProblem {
  title?: string;
  detail?: string;
  type?: string;
  errors?: Array<{ message?: string }>;
}

/** X API v2: OAuth 2.0 with PKCE, one-shot image upload, POST /2/tweets. */
export class XProvider implements Provider, OAuthProvider {
  readonly platform = 'x' as const;
  readonly publishesAutomatically = true;
  readonly oauth: OAuthProvider = this;
  readonly defaultLimits: SafetyLimitsView = {
    dailyCap: 50,
    minGapSec: 60,
    jitterSec: 0,
    quietStart: null,
    quietEnd: null,
  };

  constructor(private readonly options: XProviderOptions) {}

  describe() {
    return {
      platform: this.platform,
      name: 'X',
      connectWith: 'oauth' as const,
      isConfigured: Boolean(this.options.app.clientId),
      capabilities: { text: true, images: true, maxImages: MAX_IMAGES, video: false },
      limits: { maxTextLength: 280, textCounting: 'weighted (twitter-text): URLs 23, emoji and CJK 2' },
    };
  }

  check(target: { text: string; mediaUrls: string[] }): string[] {
    const hasMedia = target.mediaUrls.length > 0;
    const problems = checkPost({ text: target.text }, rulesFor('x'), { hasMedia }).violations.map(
      (violation) => `${violation.rule}: ${violation.message}`,
    );
    if (!hasMedia && target.text.trim() === '') problems.push('x.text.required: X needs text or an image');
    if (target.mediaUrls.length > MAX_IMAGES)
      problems.push(`x.media.max: X allows at most ${MAX_IMAGES} images`);
    return problems;
  }

  authorizeUrl(input: { state: string; codeChallenge: string; redirectUri: string }): string {
    const url = new URL(this.options.app.authUrl);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.requireClientId(),
      redirect_uri: input.redirectUri,
      scope: SCOPES,
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

  refresh(refreshToken: string): Promise<TokenSet> {
    return this.tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  async fetchAccount(accessToken: string): Promise<AccountProfile> {
    const response = await this.call('/2/users/me?user.fields=profile_image_url', { accessToken });
    const body = (await response.json().catch(() => ({}))) as {
      data?: { id: string; username: string; profile_image_url?: string };
    } & XProblem;
    if (!response.ok || !body.data) throw await this.classify(response, body, 'reading your X account');
    return { id: body.data.id, name: body.data.username, avatarUrl: body.data.profile_image_url ?? null };
  }

  async revoke(token: string): Promise<void> {
    const revokeUrl = this.options.app.tokenUrl.replace(/\/token$/, '/revoke');
    await fetch(revokeUrl, {
      method: 'POST',
      headers: this.clientHeaders(),
      body: new URLSearchParams({ token, client_id: this.requireClientId() }),
      signal: AbortSignal.timeout(this.options.callTimeoutMs),
    });
  }

  async publish(credentials: PublishCredentials, request: PublishRequest): Promise<PublishResult> {
    const accessToken = credentials.accessToken;
    if (!accessToken)
      throw new PublishError('needs_reconnect', 'The X account is not connected; reconnect it');
    const mediaIds: string[] = [];
    for (const url of request.mediaUrls) mediaIds.push(await this.uploadImage(accessToken, url));
    const payload =
      mediaIds.length > 0 ? { text: request.text, media: { media_ids: mediaIds } } : { text: request.text };
    // From here on X may have posted even if we never see the answer: a lost answer is `unknown_outcome`.
    const response = await this.call('/2/tweets', { accessToken, json: payload }, true);
    const body = (await response.json().catch(() => ({}))) as { data?: { id?: string } } & XProblem;
    if (response.status !== 201 || !body.data?.id) throw await this.classify(response, body, 'publishing');
    const handle = credentials.accountName ?? 'i/web';
    return {
      externalId: body.data.id,
      url: `https://x.com/${handle}/status/${body.data.id}`,
      responseStatus: 201,
    };
  }

  async fetchMetrics(credentials: PublishCredentials, externalId: string): Promise<PostMetricsSnapshot> {
    const accessToken = credentials.accessToken;
    if (!accessToken)
      throw new PublishError('needs_reconnect', 'The X account is not connected; reconnect it');
    const path = `/2/tweets/${encodeURIComponent(externalId)}?${X_METRICS_QUERY}`;
    const response = await this.call(path, { accessToken });
    const body = (await response.json().catch(() => ({}))) as { data?: XPostMetrics } & XProblem;
    if (!response.ok || !body.data) throw await this.classify(response, body, "reading the post's metrics");
    return toMetricsSnapshot(body.data);
  }

  private async uploadImage(accessToken: string, url: string): Promise<string> {
    const image = await downloadImage(url, {
      allowPrivate: this.options.allowPrivateUrls,
      maxBytes: MAX_IMAGE_BYTES,
      timeoutMs: this.options.callTimeoutMs,
    });
    const form = new FormData();
    form.append('media', new Blob([new Uint8Array(image.bytes)], { type: image.mimeType }), 'image');
    form.append('media_category', 'tweet_image');
    const response = await this.call('/2/media/upload', { accessToken, form });
    const body = (await response.json().catch(() => ({}))) as { data?: { id?: string } } & XProblem;
    if (!response.ok || !body.data?.id) throw await this.classify(response, body, 'uploading an image');
    return body.data.id;
  }

  private async tokenRequest(fields: Record<string, string>): Promise<TokenSet> {
    const response = await fetch(this.options.app.tokenUrl, {
      method: 'POST',
      headers: this.clientHeaders(),
      body: new URLSearchParams({ ...fields, client_id: this.requireClientId() }),
      signal: AbortSignal.timeout(this.options.callTimeoutMs),
    }).catch(() => {
      throw new PublishError('retryable', 'X could not be reached to renew access; Shopcast will try again');
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.status === 400 || response.status === 401)
      throw new PublishError(
        'needs_reconnect',
        `X refused the authorization (${String(body.error ?? response.status)}); reconnect the account`,
        response.status,
      );
    if (!response.ok || typeof body.access_token !== 'string')
      throw new PublishError('retryable', `X's token endpoint answered ${response.status}`, response.status);
    return {
      accessToken: body.access_token,
      refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : null,
      expiresAt: typeof body.expires_in === 'number' ? new Date(Date.now() + body.expires_in * 1000) : null,
      scopes: typeof body.scope === 'string' ? body.scope : null,
    };
  }

  private async call(
    path: string,
    input: { accessToken: string; json?: unknown; form?: FormData },
    isOutcomeUncertainOnFailure = false,
  ): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${input.accessToken}` };
    if (input.json !== undefined) headers['content-type'] = 'application/json';
    const body = input.form ?? (input.json === undefined ? undefined : JSON.stringify(input.json));
    try {
      return await fetch(`${this.options.app.apiBaseUrl}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(this.options.callTimeoutMs),
      });
    } catch {
      if (isOutcomeUncertainOnFailure)
        throw new PublishError(
          'unknown_outcome',
          'X did not answer in time; the post may or may not be live. Check the account before retrying',
        );
      throw new PublishError('retryable', 'X could not be reached; Shopcast will retry');
    }
  }

  private async classify(response: Response, body: XProblem, doing: string): Promise<PublishError> {
    const status = response.status;
    const detail = body.detail ?? body.errors?.[0]?.message ?? body.title ?? `HTTP ${status}`;
    if (status === 429)
      return new PublishError(
        'rate_limited',
        `X's rate limit was reached while ${doing}; Shopcast will retry after it resets`,
        status,
        resetOf(response),
      );
    if (status === 401)
      return new PublishError(
        'needs_reconnect',
        'X no longer accepts Shopcast’s access to this account; reconnect it',
        status,
      );
    if (status === 403 && /duplicate/i.test(detail))
      return new PublishError(
        'rejected_content',
        'X rejected the post as a duplicate of a recent post',
        status,
      );
    if (status >= 500)
      return new PublishError(
        'retryable',
        `X had a server error (${status}) while ${doing}; Shopcast will retry`,
        status,
      );
    return new PublishError('rejected_content', `X rejected the request while ${doing}: ${detail}`, status);
  }

  private clientHeaders(): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    const { clientId, clientSecret } = this.options.app;
    // Confidential clients authenticate with Basic; public (PKCE-only) clients send client_id alone.
    if (clientId && clientSecret)
      headers.authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
    return headers;
  }

  private requireClientId(): string {
    const clientId = this.options.app.clientId;
    if (!clientId)
      throw new PublishError('needs_reconnect', 'X is not configured on this server (X_CLIENT_ID)');
    return clientId;
  }
}

/** X's reset header is epoch seconds (it sends no Retry-After); the 24-hour one wins when it is exhausted. */
function resetOf(response: Response): Date | null {
  const daily =
    response.headers.get('x-user-limit-24hour-remaining') === '0'
      ? response.headers.get('x-user-limit-24hour-reset')
      : null;
  const seconds = Number(daily ?? response.headers.get('x-rate-limit-reset'));
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : null;
}
