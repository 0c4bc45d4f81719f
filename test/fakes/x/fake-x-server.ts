import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twitter from 'twitter-text';
import { specErrors, specSchema } from './x-spec.js';
import { type FakeTweetMetrics, tweetLookupBody, tweetNotFoundBody, ZERO_METRICS } from './fake-x-metrics.js';
import { specParamErrors } from './x-spec-params.js';

export interface FakeXOptions {
  clientId: string;
  clientSecret?: string;
  /** Lifetime of issued access tokens (X: 7200 s). */
  accessTokenTtlSec?: number;
}

export interface PublishedTweet {
  id: string;
  text: string;
  mediaIds: string[];
  userId: string;
}

export interface UploadedMedia {
  id: string;
  userId: string;
  bytes: number;
  mimeType: string;
  category: string;
}

/** A scripted answer for the next POST /2/tweets. */
export type TweetFault =
  | { kind: 'rate_limit'; resetInSec: number }
  | { kind: 'server_error'; status: number }
  /** Posts the tweet, then never answers: the caller cannot know it went out. */
  | { kind: 'post_then_hang' };

interface Grant {
  userId: string;
  scopes: string[];
  expiresAt: number;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scopes: string[];
  userId: string;
}

const USER = { id: '1460000000000000001', name: 'Shopcast Test', username: 'shopcast_test' };

/**
 * A local X API v2 that enforces the documented contract: OAuth 2.0 with PKCE (S256), scopes per the
 * spec's security, request bodies validated against the official OpenAPI schemas, weighted 280 limit,
 * duplicate detection, and X's real problem+json errors and x-rate-limit-* headers.
 */
export class FakeXServer {
  readonly tweets: PublishedTweet[] = [];
  readonly uploads: UploadedMedia[] = [];
  /** Requests the fake refused as not matching the contract, with X's answer. */
  readonly rejected: Array<{ path: string; status: number; body: unknown }> = [];
  readonly tweetAttempts: Array<{ at: number }> = [];
  private readonly faults: TweetFault[] = [];
  /** GET /2/tweets/:id calls, in order. */
  readonly tweetReads: Array<{ at: number; id: string }> = [];
  private readonly metricsByTweet = new Map<string, FakeTweetMetrics>();
  private readonly readFaults: TweetFault[] = [];
  private readonly codes = new Map<string, PendingCode>();
  private readonly accessTokens = new Map<string, Grant>();
  private readonly refreshTokens = new Map<string, Omit<Grant, 'expiresAt'>>();
  private server?: Server;
  private nextId = 1880028106020515840n;
  url = '';

  constructor(private readonly options: FakeXOptions) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        this.send(response, 500, {
          title: 'Internal Error',
          detail: String(error),
          type: 'https://api.x.com/2/problems/internal-error',
          status: 500,
        });
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

  /** The next POST /2/tweets calls answer with these faults, in order. */
  failNextTweets(...faults: TweetFault[]): void {
    this.faults.push(...faults);
  }

  /** Sets the counters GET /2/tweets/:id reports for a tweet (the rest keep their values, 0 at first). */
  setMetrics(tweetId: string, counters: Partial<FakeTweetMetrics>): void {
    this.metricsByTweet.set(tweetId, { ...(this.metricsByTweet.get(tweetId) ?? ZERO_METRICS), ...counters });
  }

  /** The next GET /2/tweets/:id calls answer with these faults, in order. */
  failNextTweetReads(...faults: TweetFault[]): void {
    this.readFaults.push(...faults);
  }

  /** Forgets every refresh token, as when a user revokes the app on x.com. */
  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  /** Makes every issued access token expire now, as if time had passed. */
  expireAccessTokens(): void {
    for (const grant of this.accessTokens.values()) grant.expiresAt = 0;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const route = `${request.method} ${url.pathname}`;
    const body = await readBody(request);
    if (route === 'GET /i/oauth2/authorize') return this.authorize(url, response);
    if (route === 'POST /2/oauth2/token') return this.token(request, body, response);
    if (route === 'POST /2/oauth2/revoke') return this.revoke(body, response);
    if (route === 'GET /2/users/me') return this.me(request, response);
    if (route === 'POST /2/media/upload') return this.upload(request, body, response);
    if (route === 'POST /2/tweets') return this.tweet(request, body, response);
    const readId = /^\/2\/tweets\/([^/]+)$/.exec(url.pathname)?.[1];
    if (request.method === 'GET' && readId !== undefined)
      return this.readTweet(request, url, decodeURIComponent(readId), response);
    this.problem(
      response,
      404,
      'Not Found Error',
      `No route ${route}`,
      'https://api.x.com/2/problems/resource-not-found',
    );
  }

  /** The consent screen, approved at once: redirects back with a code bound to the PKCE challenge. */
  private authorize(url: URL, response: ServerResponse): void {
    const q = Object.fromEntries(url.searchParams);
    const missing = [
      'response_type',
      'client_id',
      'redirect_uri',
      'scope',
      'state',
      'code_challenge',
      'code_challenge_method',
    ].filter((key) => !q[key]);
    if (
      missing.length > 0 ||
      q.response_type !== 'code' ||
      q.client_id !== this.options.clientId ||
      !['S256', 'plain'].includes(q.code_challenge_method)
    ) {
      response
        .writeHead(400, { 'content-type': 'text/plain' })
        .end(`Something went wrong: invalid authorize request (${missing.join(', ') || 'bad values'})`);
      this.rejected.push({ path: '/i/oauth2/authorize', status: 400, body: q });
      return;
    }
    const code = randomBytes(16).toString('base64url');
    this.codes.set(code, {
      clientId: q.client_id,
      redirectUri: q.redirect_uri,
      challenge: q.code_challenge,
      scopes: q.scope.split(' '),
      userId: USER.id,
    });
    const target = new URL(q.redirect_uri);
    target.searchParams.set('state', q.state);
    target.searchParams.set('code', code);
    response.writeHead(302, { location: target.toString() }).end();
  }

  private token(request: IncomingMessage, raw: Buffer, response: ServerResponse): void {
    if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
      return this.oauthError(
        response,
        400,
        'invalid_request',
        'Content-Type must be application/x-www-form-urlencoded',
      );
    const form = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    if (!this.isClientAuthenticated(request, form.client_id))
      return this.oauthError(response, 401, 'unauthorized_client', 'Missing valid authorization header');
    if (form.grant_type === 'authorization_code') return this.exchange(form, response);
    if (form.grant_type === 'refresh_token') return this.refresh(form, response);
    this.oauthError(response, 400, 'invalid_request', 'Value passed for the grant type was invalid.');
  }

  private exchange(form: Record<string, string>, response: ServerResponse): void {
    const pending = this.codes.get(form.code ?? '');
    this.codes.delete(form.code ?? '');
    if (!pending || pending.redirectUri !== form.redirect_uri)
      return this.oauthError(
        response,
        400,
        'invalid_request',
        'Value passed for the authorization code was invalid.',
      );
    const challenge = createHash('sha256')
      .update(form.code_verifier ?? '')
      .digest('base64url');
    if (challenge !== pending.challenge)
      return this.oauthError(
        response,
        400,
        'invalid_request',
        'Value passed for the code verifier was invalid.',
      );
    this.issue(pending.userId, pending.scopes, response);
  }

  private refresh(form: Record<string, string>, response: ServerResponse): void {
    const grant = this.refreshTokens.get(form.refresh_token ?? '');
    // X rotates refresh tokens: the old one is spent.
    this.refreshTokens.delete(form.refresh_token ?? '');
    if (!grant)
      return this.oauthError(response, 400, 'invalid_request', 'Value passed for the token was invalid.');
    this.issue(grant.userId, grant.scopes, response);
  }

  private issue(userId: string, scopes: string[], response: ServerResponse): void {
    const ttl = this.options.accessTokenTtlSec ?? 7200;
    const accessToken = randomBytes(24).toString('base64url');
    this.accessTokens.set(accessToken, { userId, scopes, expiresAt: Date.now() + ttl * 1000 });
    const body: Record<string, unknown> = {
      token_type: 'bearer',
      expires_in: ttl,
      access_token: accessToken,
      scope: scopes.join(' '),
    };
    if (scopes.includes('offline.access')) {
      const refreshToken = randomBytes(24).toString('base64url');
      this.refreshTokens.set(refreshToken, { userId, scopes });
      body.refresh_token = refreshToken;
    }
    this.send(response, 200, body);
  }

  private revoke(raw: Buffer, response: ServerResponse): void {
    const token = new URLSearchParams(raw.toString('utf8')).get('token') ?? '';
    this.accessTokens.delete(token);
    this.refreshTokens.delete(token);
    this.send(response, 200, { revoked: true });
  }

  private me(request: IncomingMessage, response: ServerResponse): void {
    const grant = this.grantFor(request, ['users.read'], response);
    if (!grant) return;
    this.send(response, 200, {
      data: { ...USER, profile_image_url: 'https://pbs.twimg.com/profile_images/1/normal.jpg' },
    });
  }

  private async upload(request: IncomingMessage, raw: Buffer, response: ServerResponse): Promise<void> {
    const grant = this.grantFor(request, ['media.write'], response);
    if (!grant) return;
    const form = await parseMultipart(request, raw);
    if (!form)
      return this.invalid(response, '/2/media/upload', [
        { message: 'Body must be multipart/form-data or JSON', parameters: {} },
      ]);
    const media = form.get('media');
    const fields: Record<string, unknown> = Object.fromEntries(
      [...form.entries()].map(([key, value]) => [key, typeof value === 'string' ? value : 'binary']),
    );
    const validate = specSchema('MediaUploadRequest');
    if (!validate(fields) || !(media instanceof Blob))
      return this.invalid(response, '/2/media/upload', specErrors(validate.errors));
    const bytes = Buffer.from(await media.arrayBuffer());
    const mimeType = imageType(bytes);
    if (!mimeType)
      return this.invalid(response, '/2/media/upload', [
        { message: 'media is not a supported image', parameters: { media: ['unsupported'] } },
      ]);
    if (bytes.length > 5 * 1024 * 1024)
      return this.invalid(response, '/2/media/upload', [
        { message: 'Images must be 5 MB or smaller', parameters: {} },
      ]);
    const id = this.newId();
    this.uploads.push({
      id,
      userId: grant.userId,
      bytes: bytes.length,
      mimeType,
      category: String(fields.media_category),
    });
    this.send(response, 200, {
      data: {
        id,
        media_key: `3_${id}`,
        size: bytes.length,
        expires_after_secs: 86400,
        image: { image_type: mimeType, w: 1, h: 1 },
      },
    });
  }

  private tweet(request: IncomingMessage, raw: Buffer, response: ServerResponse): void {
    const grant = this.grantFor(request, ['tweet.write', 'tweet.read', 'users.read'], response);
    if (!grant) return;
    this.tweetAttempts.push({ at: Date.now() });
    const fault = this.faults.shift();
    if (fault?.kind === 'rate_limit') return this.rateLimited(response, fault.resetInSec);
    if (fault?.kind === 'server_error')
      return this.problem(
        response,
        fault.status,
        'Service Unavailable',
        'Service Unavailable',
        'about:blank',
      );
    if (!String(request.headers['content-type']).startsWith('application/json'))
      return this.invalid(response, '/2/tweets', [
        { message: 'Content-Type must be application/json', parameters: {} },
      ]);
    const body = parseJson(raw) as { text?: string; media?: { media_ids?: string[] } } | undefined;
    const validate = specSchema('CreatePostsRequest');
    if (body === undefined || !validate(body))
      return this.invalid(response, '/2/tweets', specErrors(validate.errors));
    const mediaIds = body.media?.media_ids ?? [];
    const unknown = mediaIds.filter(
      (id) => !this.uploads.some((upload) => upload.id === id && upload.userId === grant.userId),
    );
    if (unknown.length > 0)
      return this.invalid(response, '/2/tweets', [
        {
          message: `Your media IDs are invalid: ${unknown.join(', ')}`,
          parameters: { 'media.media_ids': unknown },
        },
      ]);
    const text = body.text ?? '';
    if (text === '' && mediaIds.length === 0)
      return this.invalid(response, '/2/tweets', [
        { message: 'text or media is required', parameters: { text: [] } },
      ]);
    if (!twitter.parseTweet(text).valid && text !== '')
      return this.problem(
        response,
        400,
        'Invalid Request',
        'The text of your post is too long.',
        'https://api.x.com/2/problems/invalid-request',
      );
    if (this.tweets.some((tweet) => tweet.userId === grant.userId && tweet.text === text && text !== ''))
      return this.problem(
        response,
        403,
        'Forbidden',
        'You are not allowed to create a Tweet with duplicate content.',
        'about:blank',
      );
    const id = this.newId();
    this.tweets.push({ id, text, mediaIds, userId: grant.userId });
    if (fault?.kind === 'post_then_hang') return;
    this.send(response, 201, { data: { id, text, edit_history_tweet_ids: [id] } });
  }

  /** GET /2/tweets/:id: path and query checked against the spec, the spec's scopes, Post fields as asked. */
  private readTweet(request: IncomingMessage, url: URL, id: string, response: ServerResponse): void {
    const grant = this.grantFor(request, ['tweet.read', 'users.read'], response);
    if (!grant) return;
    this.tweetReads.push({ at: Date.now(), id });
    const fault = this.readFaults.shift();
    if (fault?.kind === 'rate_limit') return this.rateLimited(response, fault.resetInSec);
    if (fault?.kind === 'server_error')
      return this.problem(
        response,
        fault.status,
        'Service Unavailable',
        'Service Unavailable',
        'about:blank',
      );
    const errors = specParamErrors('/2/tweets/{id}', 'get', { id }, url.searchParams);
    if (errors.length > 0) return this.invalid(response, '/2/tweets/:id', errors);
    const tweet = this.tweets.find((candidate) => candidate.id === id);
    if (!tweet) return this.send(response, 200, tweetNotFoundBody(id));
    const fields = url.searchParams.get('post.fields')?.split(',') ?? [];
    const metrics = this.metricsByTweet.get(id) ?? ZERO_METRICS;
    this.send(response, 200, tweetLookupBody(tweet, metrics, fields, grant.userId));
  }

  private grantFor(request: IncomingMessage, scopes: string[], response: ServerResponse): Grant | undefined {
    const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
    const grant = token ? this.accessTokens.get(token) : undefined;
    if (!grant || grant.expiresAt <= Date.now()) {
      this.problem(response, 401, 'Unauthorized', 'Unauthorized', 'about:blank');
      return undefined;
    }
    const missing = scopes.filter((scope) => !grant.scopes.includes(scope));
    if (missing.length > 0) {
      this.problem(
        response,
        403,
        'Forbidden',
        `Missing scopes: ${missing.join(', ')}`,
        'https://api.x.com/2/problems/client-forbidden',
      );
      return undefined;
    }
    return grant;
  }

  private rateLimited(response: ServerResponse, resetInSec: number): void {
    const reset = Math.ceil(Date.now() / 1000) + resetInSec;
    response.writeHead(429, {
      'content-type': 'application/json',
      'x-rate-limit-limit': '100',
      'x-rate-limit-remaining': '0',
      'x-rate-limit-reset': String(reset),
    });
    response.end(
      JSON.stringify({
        title: 'Too Many Requests',
        detail: 'Too Many Requests',
        type: 'about:blank',
        status: 429,
      }),
    );
  }

  private invalid(
    response: ServerResponse,
    path: string,
    errors: Array<{ message: string; parameters: Record<string, unknown> }>,
  ): void {
    const body = {
      errors,
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.x.com/2/problems/invalid-request',
    };
    this.rejected.push({ path, status: 400, body });
    this.send(response, 400, body);
  }

  private problem(
    response: ServerResponse,
    status: number,
    title: string,
    detail: string,
    type: string,
  ): void {
    if (status === 400) this.rejected.push({ path: 'problem', status, body: detail });
    response.writeHead(status, { 'content-type': 'application/problem+json', ...this.rateHeaders() });
    response.end(JSON.stringify({ title, detail, type, status }));
  }

  private oauthError(response: ServerResponse, status: number, error: string, description: string): void {
    this.rejected.push({ path: '/2/oauth2/token', status, body: { error, description } });
    this.send(response, status, { error, error_description: description });
  }

  private send(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json', ...this.rateHeaders() });
    response.end(JSON.stringify(body));
  }

  private rateHeaders(): Record<string, string> {
    return {
      'x-rate-limit-limit': '100',
      'x-rate-limit-remaining': '99',
      'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + 900),
    };
  }

  private isClientAuthenticated(request: IncomingMessage, clientId: string | undefined): boolean {
    if (!this.options.clientSecret) return clientId === this.options.clientId;
    const expected = `Basic ${Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`).toString('base64')}`;
    return request.headers.authorization === expected;
  }

  private newId(): string {
    this.nextId += 1n;
    return this.nextId.toString();
  }
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

/** Parses multipart/form-data with the platform's own parser (undici), or a JSON body with base64 media. */
async function parseMultipart(request: IncomingMessage, raw: Buffer): Promise<FormData | undefined> {
  const type = String(request.headers['content-type'] ?? '');
  if (!type.startsWith('multipart/form-data')) return undefined;
  try {
    return await new Response(raw, { headers: { 'content-type': type } }).formData();
  } catch {
    return undefined;
  }
}

function imageType(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  return undefined;
}
