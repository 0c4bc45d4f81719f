import { checkPost, rulesFor } from '@app/platform-rules';
import type { PlatformAppConfig } from '@app/config';
import type { BoardView, PostMetricsSnapshot, SafetyLimitsView, TargetOptions } from '@app/contracts';
import { type OpenedMedia, openMedia } from './media-download.js';
import { PinterestApi } from './pinterest-api.js';
import { type PinterestErrorBody, pinterestError } from './pinterest-errors.js';
import { boardIdOf, PINTEREST_LIMITS, pinLinkOf, pinProblems } from './pinterest-pin.js';
import { uploadPinterestVideo, waitForPinterestVideo } from './pinterest-video.js';
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
import type { VideoSpool } from './video-spool.js';

const SCOPES = 'boards:read,boards:write,pins:read,pins:write,user_accounts:read';
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
/** Spooled to disk for the upload; Pinterest itself takes up to 2 GB. */
const MAX_VIDEO_BYTES = 512 * 1024 * 1024;
const METRIC_TYPES = [
  'IMPRESSION',
  'SAVE',
  'PIN_CLICK',
  'OUTBOUND_CLICK',
  'TOTAL_COMMENTS',
  'TOTAL_REACTIONS',
];
/** Pinterest analytics reach at most 90 days back. */
const ANALYTICS_DAYS = 89;

export interface PinterestProviderOptions {
  app: PlatformAppConfig;
  callTimeoutMs: number;
  allowPrivateUrls: boolean;
  /** Where a video waits on disk between download and upload. */
  videos: VideoSpool;
  /** Between two GET /v5/media/{id} checks of a processing video. */
  mediaPollIntervalMs?: number;
}

interface Board {
  id: string;
  name: string;
  privacy?: BoardView['privacy'];
}

type AnalyticsResponse = Record<
  string,
  { summary_metrics?: Record<string, number>; lifetime_metrics?: Record<string, number> }
>;

/** Pinterest API v5: OAuth 2.0 (Basic client auth, continuous refresh), image, carousel and video pins. */
export class PinterestProvider implements Provider, OAuthProvider {
  readonly platform = 'pinterest' as const;
  readonly publishesAutomatically = true;
  readonly oauth: OAuthProvider = this;
  /** The pin's link: options.link, else the first URL of the text (pinLinkOf). */
  readonly linkField = { option: 'link', isFilledByDefault: true };
  readonly defaultLimits: SafetyLimitsView = {
    dailyCap: 25,
    minGapSec: 300,
    jitterSec: 120,
    quietStart: null,
    quietEnd: null,
  };
  private readonly api: PinterestApi;

  constructor(private readonly options: PinterestProviderOptions) {
    this.api = new PinterestApi(options.app.apiBaseUrl, options.callTimeoutMs);
  }

  describe() {
    return {
      platform: this.platform,
      name: 'Pinterest',
      connectWith: 'oauth' as const,
      isConfigured: Boolean(this.options.app.clientId && this.options.app.clientSecret),
      capabilities: { text: true, images: true, maxImages: PINTEREST_LIMITS.images, video: true },
      limits: {
        maxTextLength: PINTEREST_LIMITS.description,
        textCounting: `characters; title up to ${PINTEREST_LIMITS.title}, link up to ${PINTEREST_LIMITS.link}; a board (options.boardId) is required`,
      },
    };
  }

  check(target: {
    text: string;
    title: string | null;
    mediaUrls: string[];
    options: TargetOptions;
  }): string[] {
    const fields = target.title === null ? { text: target.text } : { text: target.text, title: target.title };
    const rules = checkPost(fields, rulesFor('pinterest'), { hasMedia: target.mediaUrls.length > 0 });
    return [
      ...rules.violations.map((violation) => `${violation.rule}: ${violation.message}`),
      ...pinProblems(target),
    ];
  }

  /** Pinterest has no PKCE: the signed single-use state is what binds the redirect to the user. */
  authorizeUrl(input: { state: string; codeChallenge: string; redirectUri: string }): string {
    const url = new URL(this.options.app.authUrl);
    // Configuration drops trailing slashes; Pinterest's consent page is documented as /oauth/.
    if (url.pathname.endsWith('/oauth')) url.pathname += '/';
    url.search = new URLSearchParams({
      client_id: this.requireClientId(),
      redirect_uri: input.redirectUri,
      response_type: 'code',
      scope: SCOPES,
      state: input.state,
    }).toString();
    return url.toString();
  }

  exchangeCode(input: { code: string; codeVerifier: string; redirectUri: string }): Promise<TokenSet> {
    return this.tokenRequest({
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: input.redirectUri,
      continuous_refresh: 'true',
    });
  }

  /** Continuous refresh: each refresh returns a new refresh token, valid another 60 days. */
  refresh(refreshToken: string): Promise<TokenSet> {
    return this.tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  async fetchAccount(accessToken: string): Promise<AccountProfile> {
    const account = await this.api.request<{ id?: string; username?: string; profile_image?: string }>(
      '/user_account',
      { accessToken, doing: 'reading your Pinterest account' },
    );
    if (!account.id || !account.username)
      throw new PublishError('retryable', 'Pinterest returned an account without id or username');
    return { id: account.id, name: account.username, avatarUrl: account.profile_image ?? null };
  }

  async revoke(token: string): Promise<void> {
    await fetch(`${this.options.app.tokenUrl}/revoke`, {
      method: 'POST',
      headers: this.clientHeaders(),
      body: new URLSearchParams({ token }),
      signal: AbortSignal.timeout(this.options.callTimeoutMs),
    });
  }

  async listBoards(credentials: PublishCredentials): Promise<BoardView[]> {
    const accessToken = this.requireToken(credentials);
    const boards: BoardView[] = [];
    let bookmark: string | null = null;
    // 10 pages of 250: more boards than any account keeps.
    for (let page = 0; page < 10; page += 1) {
      const query = new URLSearchParams({ page_size: '250', ...(bookmark ? { bookmark } : {}) });
      const body: { items?: Board[]; bookmark?: string | null } = await this.api.request(
        `/boards?${query.toString()}`,
        { accessToken, doing: 'listing your boards' },
      );
      for (const board of body.items ?? [])
        boards.push({ id: board.id, name: board.name, privacy: board.privacy ?? 'PUBLIC' });
      bookmark = body.bookmark ?? null;
      if (!bookmark) break;
    }
    return boards;
  }

  async publish(credentials: PublishCredentials, request: PublishRequest): Promise<PublishResult> {
    const accessToken = this.requireToken(credentials);
    const boardId = boardIdOf(request.options);
    if (!boardId)
      throw new PublishError('rejected_content', 'Choose a Pinterest board for this post (options.boardId)');
    const mediaSource = await this.mediaSourceOf(accessToken, request.mediaUrls);
    const payload: Record<string, unknown> = { board_id: boardId, media_source: mediaSource };
    if (request.title) payload.title = request.title;
    if (request.text.trim() !== '') payload.description = request.text;
    const link = pinLinkOf(request.text, request.options);
    if (link) payload.link = link;
    // From here on Pinterest may have created the pin even if we never see the answer.
    const pin = await this.api.request<{ id?: string }>('/pins', {
      accessToken,
      json: payload,
      doing: 'publishing the pin',
      outcomeUncertainOnFailure: true,
    });
    if (!pin.id)
      throw new PublishError('unknown_outcome', 'Pinterest answered without a pin id; check the board');
    return { externalId: pin.id, url: `https://www.pinterest.com/pin/${pin.id}/`, responseStatus: 201 };
  }

  /** Impressions, saves and link clicks of the last 90 days; reactions and comments over the pin's life. */
  async fetchMetrics(credentials: PublishCredentials, externalId: string): Promise<PostMetricsSnapshot> {
    const accessToken = this.requireToken(credentials);
    const today = new Date();
    const start = new Date(today.getTime() - ANALYTICS_DAYS * 86_400_000);
    const query = new URLSearchParams({
      start_date: start.toISOString().slice(0, 10),
      end_date: today.toISOString().slice(0, 10),
      metric_types: METRIC_TYPES.join(','),
    });
    const body = await this.api.request<AnalyticsResponse>(
      `/pins/${encodeURIComponent(externalId)}/analytics?${query.toString()}`,
      { accessToken, doing: 'reading pin analytics' },
    );
    const all = body.all ?? Object.values(body)[0] ?? {};
    const metric = (name: string) =>
      Math.round(all.summary_metrics?.[name] ?? all.lifetime_metrics?.[name] ?? 0);
    return {
      impressions: metric('IMPRESSION'),
      views: 0,
      likes: metric('TOTAL_REACTIONS'),
      comments: metric('TOTAL_COMMENTS'),
      shares: 0,
      saves: metric('SAVE'),
      clicks: metric('OUTBOUND_CLICK'),
    };
  }

  /**
   * One image, 2–5 images, or one video uploaded through /v5/media; the kind is read from the first bytes.
   * Pinterest fetches images itself, so they are only checked (type, size), never kept.
   */
  private async mediaSourceOf(accessToken: string, urls: string[]): Promise<Record<string, unknown>> {
    const download = {
      allowPrivate: this.options.allowPrivateUrls,
      maxBytes: MAX_VIDEO_BYTES,
      timeoutMs: this.options.callTimeoutMs,
    };
    const media: OpenedMedia[] = [];
    try {
      for (const url of urls) media.push(await openMedia(url, download));
      const hasVideo = media.some((item) => item.kind === 'video');
      if (hasVideo && media.length > 1)
        throw new PublishError(
          'rejected_content',
          'Pinterest takes a video alone: post it without other media',
        );
      if (!hasVideo) return await imageSource(urls, media);
    } finally {
      for (const item of media) item.close();
    }
    // Downloaded again inside a video slot, so a video waiting for its turn holds no connection open; the
    // slot and the file are given back once Pinterest has the video, before its processing is awaited.
    const uploaded = await this.options.videos.withVideo(urls[0], download, (video) =>
      uploadPinterestVideo(this.api, accessToken, video),
    );
    const mediaId = await waitForPinterestVideo(
      this.api,
      accessToken,
      uploaded,
      this.options.mediaPollIntervalMs ?? 1_000,
    );
    return { source_type: 'video_id', media_id: mediaId, cover_image_key_frame_time: 1 };
  }

  private async tokenRequest(fields: Record<string, string>): Promise<TokenSet> {
    const response = await fetch(this.options.app.tokenUrl, {
      method: 'POST',
      headers: this.clientHeaders(),
      body: new URLSearchParams(fields),
      signal: AbortSignal.timeout(this.options.callTimeoutMs),
    }).catch(() => {
      throw new PublishError(
        'retryable',
        'Pinterest could not be reached to renew access; Shopcast will try again',
      );
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown> & PinterestErrorBody;
    if (response.status === 400 || response.status === 401)
      throw new PublishError(
        'needs_reconnect',
        `Pinterest refused the authorization (${body.message ?? response.status}); reconnect the account`,
        response.status,
      );
    if (!response.ok) throw pinterestError(response, body, 'renewing access');
    if (typeof body.access_token !== 'string')
      throw new PublishError('retryable', 'Pinterest’s token endpoint answered without an access token');
    return {
      accessToken: body.access_token,
      refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : null,
      expiresAt: typeof body.expires_in === 'number' ? new Date(Date.now() + body.expires_in * 1000) : null,
      scopes: typeof body.scope === 'string' ? body.scope : null,
    };
  }

  /** Pinterest's token endpoints take HTTP Basic client authentication and a form body. */
  private clientHeaders(): Record<string, string> {
    const { clientSecret } = this.options.app;
    const credentials = Buffer.from(`${this.requireClientId()}:${clientSecret ?? ''}`).toString('base64');
    return {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${credentials}`,
    };
  }

  private requireClientId(): string {
    const clientId = this.options.app.clientId;
    if (!clientId)
      throw new PublishError(
        'needs_reconnect',
        'Pinterest is not configured on this server (PINTEREST_CLIENT_ID)',
      );
    return clientId;
  }

  private requireToken(credentials: PublishCredentials): string {
    if (!credentials.accessToken)
      throw new PublishError('needs_reconnect', 'The Pinterest account is not connected; reconnect it');
    return credentials.accessToken;
  }
}

/** Pinterest fetches the images from their URLs: they are counted as they stream past, not kept. */
async function imageSource(urls: string[], images: OpenedMedia[]): Promise<Record<string, unknown>> {
  if (images.some((item) => !['image/png', 'image/jpeg'].includes(item.mimeType)))
    throw new PublishError('rejected_content', 'Pinterest takes PNG or JPEG images only');
  for (const image of images) {
    let size = 0;
    for await (const chunk of image.chunks) {
      size += chunk.length;
      if (size > MAX_IMAGE_BYTES)
        throw new PublishError('rejected_content', 'Pinterest takes images of at most 20 MB');
    }
  }
  if (urls.length === 1) return { source_type: 'image_url', url: urls[0] };
  return { source_type: 'multiple_image_urls', items: urls.map((url) => ({ url })) };
}
