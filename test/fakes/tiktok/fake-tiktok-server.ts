import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  expectedChunkLength,
  type FileUploadSource,
  type InitBody,
  initBodyProblem,
  isVideoContainer,
  VIDEO_TYPES,
} from './tiktok-contract.js';

export type RateLimitedEndpoint = 'init' | 'creatorInfo' | 'status';

export interface FakeTikTokOptions {
  clientKey: string;
  clientSecret: string;
  /** Access token lifetime (2026 docs: 7200 s; older docs: 86400 s). */
  accessTokenTtlSec?: number;
  refreshTokenTtlSec?: number;
  /** What creator_info offers; a private account gets no PUBLIC_TO_EVERYONE. */
  privacyLevelOptions?: string[];
  maxVideoPostDurationSec?: number;
  /** Status fetches that answer PROCESSING_* before the final state. */
  processingSteps?: number;
  finalState?: 'PUBLISH_COMPLETE' | 'FAILED';
  failReason?: string;
  /** Whether a finished post gets a public id at once (otherwise it is still in moderation). */
  isPostIdPublic?: boolean;
  /** Unaudited clients may post SELF_ONLY only. */
  isClientAudited?: boolean;
  /** URL prefixes verified for PULL_FROM_URL. */
  verifiedUrlPrefixes?: string[];
  /** Per token, per endpoint, per minute (TikTok's Content Posting API reference: init 6, creator_info 20, status 30). */
  rateLimits?: Partial<Record<RateLimitedEndpoint, number>>;
}

export interface RecordedCall {
  method: string;
  path: string;
  status: number;
  errorCode: string;
}

export interface FakeTikTokPost {
  publishId: string;
  openId: string;
  postInfo: InitBody['post_info'];
  source: 'FILE_UPLOAD' | 'PULL_FROM_URL';
  fileUpload?: FileUploadSource;
  /** Content-Range headers of the accepted chunks, in order. */
  chunkRanges: string[];
  bytes: Buffer;
  isTransferred: boolean;
  statusFetches: number;
  failReason?: string;
  postId: string | null;
  uploadToken: string;
}

interface Grant {
  openId: string;
  scopes: string[];
  expiresAt: number;
}

interface PendingCode {
  redirectUri: string;
  challenge: string;
  scopes: string[];
}

const USER = {
  open_id: '-000uVjmN9AtVL9TQXd8QuF2l8w1D0Bz0Fmz',
  display_name: 'Shopcast Test Shop',
  username: 'shopcast.test',
  avatar_url: 'https://p16-sign.tiktokcdn-us.com/avatar.jpeg',
};
const POST_ID_MARK = '__post_id__';
const HTTP_STATUS_OF: Record<string, number> = {
  access_token_invalid: 401,
  scope_not_authorized: 401,
  invalid_params: 400,
  invalid_file_upload: 400,
  privacy_level_option_mismatch: 400,
  unaudited_client_can_only_post_to_private_accounts: 403,
  url_ownership_unverified: 403,
  spam_risk_too_many_posts: 403,
  rate_limit_exceeded: 429,
  internal_error: 500,
};

/**
 * A local open.tiktokapis.com: Login Kit v2 OAuth with PKCE and refresh-token rotation, Display API user
 * info and video query, and Content Posting Direct Post (creator info, init, chunked upload with
 * Content-Range, status state machine, PULL_FROM_URL), per-token per-minute limits and TikTok's envelope.
 */
export class FakeTikTokServer {
  readonly calls: RecordedCall[] = [];
  readonly posts: FakeTikTokPost[] = [];
  /** Counters /v2/video/query/ reports per post id. */
  readonly metrics = new Map<
    string,
    { like_count: number; comment_count: number; share_count: number; view_count: number }
  >();
  private readonly codes = new Map<string, PendingCode>();
  private readonly accessTokens = new Map<string, Grant>();
  private readonly refreshTokens = new Map<string, Grant>();
  private readonly callTimes = new Map<string, number[]>();
  private readonly faults: Array<{ endpoint: RateLimitedEndpoint; code: string }> = [];
  private server?: Server;
  private nextPostId = 7_300_000_000_000_000_001n;
  url = '';

  constructor(private readonly options: FakeTikTokOptions) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        this.fail(request, response, 'internal_error', String(error));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Changes behaviour between tests (final state, steps, privacy options, limits). */
  configure(patch: Partial<FakeTikTokOptions>): void {
    Object.assign(this.options, patch);
  }

  /** The next call to `endpoint` answers with this error code. */
  failNext(endpoint: RateLimitedEndpoint, code: string): void {
    this.faults.push({ endpoint, code });
  }

  /** Makes every issued access token expire now, as if time had passed. */
  expireAccessTokens(): void {
    for (const grant of this.accessTokens.values()) grant.expiresAt = 0;
  }

  /** Whether a refresh token would still be accepted. */
  isRefreshTokenValid(token: string): boolean {
    return this.refreshTokens.has(token);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const route = `${request.method} ${url.pathname}`;
    const body = await readBody(request);
    if (route === 'GET /v2/auth/authorize/') return this.authorize(request, url, response);
    if (route === 'POST /v2/oauth/token/') return this.token(request, body, response);
    if (route === 'POST /v2/oauth/revoke/') return this.revoke(request, body, response);
    if (route === 'GET /v2/user/info/') return this.userInfo(request, url, response);
    if (route === 'POST /v2/post/publish/creator_info/query/') return this.creatorInfo(request, response);
    if (route === 'POST /v2/post/publish/video/init/') return this.init(request, body, response);
    if (route === 'PUT /upload/') return this.upload(request, url, body, response);
    if (route === 'POST /v2/post/publish/status/fetch/') return this.status(request, body, response);
    if (route === 'POST /v2/video/query/') return this.videoQuery(request, url, body, response);
    this.fail(request, response, 'invalid_params', `No route ${route}`, 404);
  }

  /** The consent screen, approved at once: redirects back with a single-use code bound to the PKCE challenge. */
  private authorize(request: IncomingMessage, url: URL, response: ServerResponse): void {
    const q = Object.fromEntries(url.searchParams);
    const missing = ['client_key', 'response_type', 'scope', 'redirect_uri', 'state'].filter(
      (key) => !q[key],
    );
    const hasBadValue =
      q.client_key !== this.options.clientKey ||
      q.response_type !== 'code' ||
      (q.code_challenge !== undefined && q.code_challenge_method !== 'S256');
    if (missing.length > 0 || hasBadValue) {
      this.record(request, url.pathname, 400, 'invalid_request');
      response
        .writeHead(400, { 'content-type': 'text/plain' })
        .end(`invalid authorize request (${missing.join(', ') || 'bad values'})`);
      return;
    }
    const code = randomBytes(16).toString('base64url');
    this.codes.set(code, {
      redirectUri: q.redirect_uri,
      challenge: q.code_challenge ?? '',
      scopes: q.scope.split(','),
    });
    const target = new URL(q.redirect_uri);
    target.searchParams.set('code', code);
    target.searchParams.set('scopes', q.scope);
    target.searchParams.set('state', q.state);
    this.record(request, url.pathname, 302, 'ok');
    response.writeHead(302, { location: target.toString() }).end();
  }

  private token(request: IncomingMessage, raw: Buffer, response: ServerResponse): void {
    if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
      return this.oauthError(
        request,
        response,
        'invalid_request',
        'Content-Type must be application/x-www-form-urlencoded',
      );
    const form = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    if (form.client_key !== this.options.clientKey || form.client_secret !== this.options.clientSecret)
      return this.oauthError(request, response, 'invalid_client', 'Client key or secret is incorrect.');
    if (form.grant_type === 'authorization_code') return this.exchange(request, form, response);
    if (form.grant_type === 'refresh_token') return this.refresh(request, form, response);
    this.oauthError(request, response, 'unsupported_grant_type', 'grant_type is not supported.');
  }

  private exchange(request: IncomingMessage, form: Record<string, string>, response: ServerResponse): void {
    const pending = this.codes.get(form.code ?? '');
    this.codes.delete(form.code ?? '');
    if (!pending || pending.redirectUri !== form.redirect_uri)
      return this.oauthError(request, response, 'invalid_grant', 'Authorization code is expired.');
    const challenge = createHash('sha256')
      .update(form.code_verifier ?? '')
      .digest('base64url');
    if (pending.challenge && challenge !== pending.challenge)
      return this.oauthError(request, response, 'invalid_grant', 'Code verifier is invalid.');
    this.issue(request, USER.open_id, pending.scopes, response);
  }

  private refresh(request: IncomingMessage, form: Record<string, string>, response: ServerResponse): void {
    const grant = this.refreshTokens.get(form.refresh_token ?? '');
    // Rotation: the refresh token sent is spent whatever happens next.
    this.refreshTokens.delete(form.refresh_token ?? '');
    if (!grant || grant.expiresAt <= Date.now())
      return this.oauthError(request, response, 'invalid_grant', 'Refresh token is invalid or expired.');
    this.issue(request, grant.openId, grant.scopes, response);
  }

  private issue(request: IncomingMessage, openId: string, scopes: string[], response: ServerResponse): void {
    const ttl = this.options.accessTokenTtlSec ?? 7200;
    const refreshTtl = this.options.refreshTokenTtlSec ?? 180 * 86400;
    const accessToken = `act.${randomBytes(24).toString('base64url')}`;
    const refreshToken = `rft.${randomBytes(24).toString('base64url')}`;
    this.accessTokens.set(accessToken, { openId, scopes, expiresAt: Date.now() + ttl * 1000 });
    this.refreshTokens.set(refreshToken, { openId, scopes, expiresAt: Date.now() + refreshTtl * 1000 });
    this.record(request, '/v2/oauth/token/', 200, 'ok');
    send(response, 200, {
      access_token: accessToken,
      expires_in: ttl,
      open_id: openId,
      refresh_expires_in: refreshTtl,
      refresh_token: refreshToken,
      scope: scopes.join(','),
      token_type: 'Bearer',
    });
  }

  private revoke(request: IncomingMessage, raw: Buffer, response: ServerResponse): void {
    const form = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    if (form.client_key !== this.options.clientKey || form.client_secret !== this.options.clientSecret)
      return this.oauthError(request, response, 'invalid_client', 'Client key or secret is incorrect.');
    const grant = this.accessTokens.get(form.token ?? '');
    this.accessTokens.delete(form.token ?? '');
    if (grant)
      for (const [token, candidate] of this.refreshTokens)
        if (candidate.openId === grant.openId) this.refreshTokens.delete(token);
    this.record(request, '/v2/oauth/revoke/', 200, 'ok');
    send(response, 200, {});
  }

  private userInfo(request: IncomingMessage, url: URL, response: ServerResponse): void {
    const grant = this.grantFor(request, response, ['user.info.basic']);
    if (!grant) return;
    const fields = (url.searchParams.get('fields') ?? '').split(',').filter(Boolean);
    if (fields.length === 0) return this.fail(request, response, 'invalid_params', 'fields is required');
    const user: Record<string, string> = {};
    for (const field of fields) if (field in USER) user[field] = USER[field as keyof typeof USER];
    this.ok(request, response, { user });
  }

  private creatorInfo(request: IncomingMessage, response: ServerResponse): void {
    const grant = this.grantFor(request, response, ['video.publish'], 'creatorInfo');
    if (!grant) return;
    this.ok(request, response, {
      creator_avatar_url: USER.avatar_url,
      creator_username: USER.username,
      creator_nickname: USER.display_name,
      privacy_level_options: this.privacyOptions(),
      comment_disabled: false,
      duet_disabled: false,
      stitch_disabled: false,
      max_video_post_duration_sec: this.options.maxVideoPostDurationSec ?? 600,
    });
  }

  private init(request: IncomingMessage, raw: Buffer, response: ServerResponse): void {
    const grant = this.grantFor(request, response, ['video.publish'], 'init');
    if (!grant) return;
    if (!String(request.headers['content-type']).startsWith('application/json'))
      return this.fail(request, response, 'invalid_params', 'Content-Type must be application/json');
    const body = parseJson(raw);
    const problem = initBodyProblem(body);
    if (problem) return this.fail(request, response, 'invalid_params', problem);
    const { post_info: postInfo, source_info: source } = body as InitBody;
    if (!this.privacyOptions().includes(postInfo.privacy_level))
      return this.fail(
        request,
        response,
        'privacy_level_option_mismatch',
        `privacy_level must be one of ${this.privacyOptions().join(', ')}`,
      );
    if (this.options.isClientAudited === false && postInfo.privacy_level !== 'SELF_ONLY')
      return this.fail(
        request,
        response,
        'unaudited_client_can_only_post_to_private_accounts',
        'Please review our integration guidelines.',
      );
    if (
      source.source === 'PULL_FROM_URL' &&
      !(this.options.verifiedUrlPrefixes ?? []).some((prefix) => source.video_url.startsWith(prefix))
    )
      return this.fail(
        request,
        response,
        'url_ownership_unverified',
        'The URL prefix is not verified for this app.',
      );
    const post: FakeTikTokPost = {
      publishId: `v_pub_${source.source === 'FILE_UPLOAD' ? 'file' : 'url'}~v2-1.${randomBytes(8).readBigUInt64BE()}`,
      openId: grant.openId,
      postInfo,
      source: source.source,
      fileUpload: source.source === 'FILE_UPLOAD' ? source : undefined,
      chunkRanges: [],
      bytes: Buffer.alloc(0),
      isTransferred: false,
      statusFetches: 0,
      postId: null,
      uploadToken: randomBytes(12).toString('hex'),
    };
    this.posts.push(post);
    if (source.source === 'PULL_FROM_URL') {
      void this.pull(post, source.video_url);
      return this.ok(request, response, { publish_id: post.publishId });
    }
    const uploadUrl = `${this.url}/upload/?upload_id=${encodeURIComponent(post.publishId)}&upload_token=${post.uploadToken}`;
    this.ok(request, response, { publish_id: post.publishId, upload_url: uploadUrl });
  }

  /** TikTok downloads the video itself; a failed download ends the post as FAILED (video_pull_failed). */
  private async pull(post: FakeTikTokPost, videoUrl: string): Promise<void> {
    try {
      const response = await fetch(videoUrl, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      post.bytes = Buffer.from(await response.arrayBuffer());
      if (!isVideoContainer(post.bytes)) post.failReason = 'file_format_check_failed';
    } catch {
      post.failReason = 'video_pull_failed';
    }
    post.isTransferred = true;
  }

  /** Chunks must arrive in order, each of the announced size, with a Content-Range that says so. */
  private upload(request: IncomingMessage, url: URL, raw: Buffer, response: ServerResponse): void {
    const post = this.posts.find((candidate) => candidate.publishId === url.searchParams.get('upload_id'));
    if (!post?.fileUpload || post.uploadToken !== url.searchParams.get('upload_token'))
      return this.fail(request, response, 'invalid_params', 'upload_id or upload_token is invalid', 404);
    if (post.isTransferred)
      return this.fail(request, response, 'invalid_params', 'the upload is already complete');
    const source = post.fileUpload;
    const index = post.chunkRanges.length;
    const start = post.bytes.length;
    const end = start + expectedChunkLength(source, index) - 1;
    const expectedRange = `bytes ${start}-${end}/${source.video_size}`;
    const range = String(request.headers['content-range'] ?? '');
    if (range !== expectedRange)
      return this.fail(
        request,
        response,
        'invalid_file_upload',
        `Content-Range must be "${expectedRange}", got "${range}"`,
        416,
      );
    if (!VIDEO_TYPES.includes(String(request.headers['content-type'])))
      return this.fail(
        request,
        response,
        'invalid_file_upload',
        `Content-Type must be one of ${VIDEO_TYPES.join(', ')}`,
      );
    if (raw.length !== end - start + 1 || Number(request.headers['content-length']) !== raw.length)
      return this.fail(
        request,
        response,
        'invalid_file_upload',
        `chunk ${index} must be ${end - start + 1} bytes`,
      );
    post.chunkRanges.push(range);
    post.bytes = Buffer.concat([post.bytes, raw]);
    const isLast = post.chunkRanges.length === source.total_chunk_count;
    if (isLast) {
      post.isTransferred = true;
      if (!isVideoContainer(post.bytes)) post.failReason = 'file_format_check_failed';
    }
    this.record(request, '/upload/', isLast ? 201 : 206, 'ok');
    response.writeHead(isLast ? 201 : 206, { 'content-type': 'application/json' }).end();
  }

  private status(request: IncomingMessage, raw: Buffer, response: ServerResponse): void {
    const grant = this.grantFor(request, response, ['video.publish', 'video.upload'], 'status', true);
    if (!grant) return;
    const publishId = (parseJson(raw) as { publish_id?: unknown } | undefined)?.publish_id;
    const post = this.posts.find(
      (candidate) => candidate.publishId === publishId && candidate.openId === grant.openId,
    );
    if (!post) return this.fail(request, response, 'invalid_params', 'publish_id is invalid');
    if (!post.isTransferred)
      return this.ok(request, response, {
        status: post.source === 'FILE_UPLOAD' ? 'PROCESSING_UPLOAD' : 'PROCESSING_DOWNLOAD',
        uploaded_bytes: post.bytes.length,
      });
    post.statusFetches += 1;
    if (post.statusFetches <= (this.options.processingSteps ?? 1))
      return this.ok(request, response, { status: 'PROCESSING_UPLOAD', uploaded_bytes: post.bytes.length });
    const failReason =
      post.failReason ??
      (this.options.finalState === 'FAILED' ? (this.options.failReason ?? 'internal') : undefined);
    if (failReason) return this.ok(request, response, { status: 'FAILED', fail_reason: failReason });
    if (this.options.isPostIdPublic === false)
      return this.ok(request, response, { status: 'PUBLISH_COMPLETE' });
    post.postId ??= this.newPostId(post);
    // TikTok sends post ids as JSON numbers longer than a double holds: written raw, as it does.
    this.ok(
      request,
      response,
      { status: 'PUBLISH_COMPLETE', publicaly_available_post_id: [POST_ID_MARK] },
      post.postId,
    );
  }

  private videoQuery(request: IncomingMessage, url: URL, raw: Buffer, response: ServerResponse): void {
    const grant = this.grantFor(request, response, ['video.list']);
    if (!grant) return;
    const fields = (url.searchParams.get('fields') ?? '').split(',').filter(Boolean);
    const ids = (parseJson(raw) as { filters?: { video_ids?: unknown } } | undefined)?.filters?.video_ids;
    if (fields.length === 0 || !Array.isArray(ids) || ids.length === 0 || ids.length > 20)
      return this.fail(
        request,
        response,
        'invalid_params',
        'fields and filters.video_ids (1–20 ids) are required',
      );
    const videos = this.posts
      .filter((post) => post.openId === grant.openId && post.postId && ids.includes(post.postId))
      .map((post) => {
        const all: Record<string, string | number> = {
          id: post.postId as string,
          title: post.postInfo.title ?? '',
          ...(this.metrics.get(post.postId as string) ?? {
            like_count: 0,
            comment_count: 0,
            share_count: 0,
            view_count: 0,
          }),
        };
        return Object.fromEntries(fields.filter((field) => field in all).map((field) => [field, all[field]]));
      });
    this.ok(request, response, { videos, cursor: 0, has_more: false });
  }

  private grantFor(
    request: IncomingMessage,
    response: ServerResponse,
    scopes: string[],
    limited?: RateLimitedEndpoint,
    isAnyScopeEnough = false,
  ): Grant | undefined {
    const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1] ?? '';
    const grant = this.accessTokens.get(token);
    if (!grant || grant.expiresAt <= Date.now()) {
      this.fail(
        request,
        response,
        'access_token_invalid',
        'The access token is invalid or not found in the request.',
      );
      return undefined;
    }
    const held = scopes.filter((scope) => grant.scopes.includes(scope));
    if (isAnyScopeEnough ? held.length === 0 : held.length < scopes.length) {
      this.fail(
        request,
        response,
        'scope_not_authorized',
        `The user did not authorize the scope required: ${scopes.join(' or ')}`,
      );
      return undefined;
    }
    if (limited && this.isOverLimit(token, limited)) {
      this.fail(request, response, 'rate_limit_exceeded', 'Too many requests. Please retry in some time.');
      return undefined;
    }
    const faultIndex = this.faults.findIndex((fault) => fault.endpoint === limited);
    if (limited && faultIndex >= 0) {
      const [fault] = this.faults.splice(faultIndex, 1);
      this.fail(request, response, fault.code, `Injected ${fault.code}`);
      return undefined;
    }
    return grant;
  }

  private isOverLimit(token: string, endpoint: RateLimitedEndpoint): boolean {
    const defaults: Record<RateLimitedEndpoint, number> = { init: 6, creatorInfo: 20, status: 30 };
    const limit = this.options.rateLimits?.[endpoint] ?? defaults[endpoint];
    const key = `${endpoint}:${token}`;
    const now = Date.now();
    const recent = (this.callTimes.get(key) ?? []).filter((at) => at > now - 60_000);
    if (recent.length >= limit) return true;
    this.callTimes.set(key, [...recent, now]);
    return false;
  }

  private privacyOptions(): string[] {
    return (
      this.options.privacyLevelOptions ?? [
        'PUBLIC_TO_EVERYONE',
        'MUTUAL_FOLLOW_FRIENDS',
        'FOLLOWER_OF_CREATOR',
        'SELF_ONLY',
      ]
    );
  }

  private newPostId(post: FakeTikTokPost): string {
    this.nextPostId += 1n;
    const id = this.nextPostId.toString();
    this.metrics.set(id, { like_count: 0, comment_count: 0, share_count: 0, view_count: 0 });
    post.postId = id;
    return id;
  }

  private ok(request: IncomingMessage, response: ServerResponse, data: unknown, rawPostId?: string): void {
    this.record(request, new URL(request.url ?? '/', this.url).pathname, 200, 'ok');
    let text = JSON.stringify({ data, error: { code: 'ok', message: '', log_id: logId() } });
    if (rawPostId) text = text.replace(`"${POST_ID_MARK}"`, rawPostId);
    response.writeHead(200, { 'content-type': 'application/json' }).end(text);
  }

  private fail(
    request: IncomingMessage,
    response: ServerResponse,
    code: string,
    message: string,
    status?: number,
  ): void {
    const httpStatus = status ?? HTTP_STATUS_OF[code] ?? 400;
    this.record(request, new URL(request.url ?? '/', this.url || 'http://x').pathname, httpStatus, code);
    send(response, httpStatus, { data: {}, error: { code, message, log_id: logId() } });
  }

  private oauthError(
    request: IncomingMessage,
    response: ServerResponse,
    error: string,
    description: string,
  ): void {
    this.record(request, new URL(request.url ?? '/', this.url).pathname, 400, error);
    send(response, 400, { error, error_description: description, log_id: logId() });
  }

  private record(request: IncomingMessage, path: string, status: number, errorCode: string): void {
    this.calls.push({ method: request.method ?? 'GET', path, status, errorCode });
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function logId(): string {
  return `${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}${randomBytes(9).toString('hex').toUpperCase()}`;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}
