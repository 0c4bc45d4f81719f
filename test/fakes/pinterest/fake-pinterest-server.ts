import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakePinterestOAuth } from './fake-pinterest-oauth.js';
import {
  FAKE_USER,
  type FakeBoard,
  type FakeMedia,
  type FakePin,
  type FakePinterestOptions,
  isPinImage,
  isVideo,
  parseJson,
  type PinterestFault,
  readBody,
  type ReceivedRequest,
  sendError,
  sendJson,
} from './fake-pinterest-state.js';
import { pinterestSchema, pinterestSchemaMessage } from './pinterest-spec.js';

export type {
  FakeBoard,
  FakeMedia,
  FakePin,
  FakePinterestOptions,
  PinterestFault,
} from './fake-pinterest-state.js';

const PIN_SCOPES = ['boards:read', 'boards:write', 'pins:read', 'pins:write'];
const ANALYTICS_METRICS = [
  'IMPRESSION',
  'OUTBOUND_CLICK',
  'PIN_CLICK',
  'SAVE',
  'SAVE_RATE',
  'TOTAL_COMMENTS',
  'TOTAL_REACTIONS',
  'USER_FOLLOW',
  'PROFILE_VISIT',
  'VIDEO_MRC_VIEW',
  'VIDEO_START',
  'VIDEO_10S_VIEW',
  'VIDEO_AVG_WATCH_TIME',
  'VIDEO_V50_WATCH_TIME',
  'QUARTILE_95_PERCENT_VIEW',
];

/**
 * A local Pinterest API v5 (under /v5) that enforces the documented contract: OAuth 2.0 with Basic client
 * auth, scopes per operation, request bodies validated against the official OpenAPI schemas, the media
 * upload flow (register, S3-style multipart upload, processing state machine), and Pinterest's
 * `{code, message}` errors.
 */
export class FakePinterestServer {
  readonly oauth: FakePinterestOAuth;
  readonly boards: FakeBoard[] = [
    { id: '549755885175', name: 'Summer shop', description: '', privacy: 'PUBLIC', ownerId: FAKE_USER.id },
    { id: '549755885176', name: 'Drafts', description: '', privacy: 'SECRET', ownerId: FAKE_USER.id },
    { id: '549755885999', name: 'Someone else', description: '', privacy: 'PUBLIC', ownerId: '1' },
  ];
  readonly pins: FakePin[] = [];
  readonly media: FakeMedia[] = [];
  /** Every request to the API (not the upload host), in order. */
  readonly received: ReceivedRequest[] = [];
  /** Requests refused as not matching the contract, with the answer. */
  readonly rejected: Array<{ path: string; status: number; body: unknown }> = [];
  /** Metrics GET /pins/{id}/analytics reports, by pin id. */
  readonly pinMetrics = new Map<string, Record<string, number>>();
  private readonly faults = new Map<string, PinterestFault[]>();
  private server?: Server;
  private nextId = 1_000_000_000_000n;
  url = '';

  constructor(private readonly options: FakePinterestOptions) {
    this.oauth = new FakePinterestOAuth(options);
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) =>
        sendError(response, 500, 500, `Internal error: ${String(error)}`),
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The next calls of `route` (e.g. "POST /v5/pins") answer with these faults, in order. */
  failNext(route: string, ...faults: PinterestFault[]): void {
    this.faults.set(route, [...(this.faults.get(route) ?? []), ...faults]);
  }

  /** Makes every issued access token expire now. */
  expireAccessTokens(): void {
    for (const grant of this.oauth.accessTokens.values()) grant.expiresAt = 0;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const route = `${request.method} ${url.pathname}`;
    const raw = await readBody(request);
    if (route === 'GET /oauth/') return this.oauth.authorize(url, response);
    if (route === 'POST /media-upload/') return this.upload(request, raw, response);
    this.record(request, url, raw);
    if (route === 'POST /v5/oauth/token') return this.oauth.token(request, raw, response);
    if (route === 'POST /v5/oauth/token/revoke') return this.oauth.revoke(request, raw, response);
    const fault = this.faults.get(route)?.shift();
    if (fault?.kind === 'rate_limit') return this.rateLimited(response, fault.retryAfterSec);
    if (fault?.kind === 'server_error') return sendError(response, fault.status, 0, 'Internal server error.');
    const hang = fault?.kind === 'act_then_hang';
    if (route === 'GET /v5/user_account') return this.userAccount(request, response);
    if (route === 'GET /v5/boards') return this.listBoards(request, url, response);
    if (route === 'POST /v5/pins') return this.createPin(request, raw, response, hang);
    if (route === 'POST /v5/media') return this.registerMedia(request, raw, response);
    const mediaId = /^GET \/v5\/media\/(\d+)$/.exec(route)?.[1];
    if (mediaId) return this.mediaStatus(request, mediaId, response);
    const analyticsPin = /^GET \/v5\/pins\/(\d+)\/analytics$/.exec(route)?.[1];
    if (analyticsPin) return this.pinAnalytics(request, analyticsPin, url, response);
    const pinId = /^GET \/v5\/pins\/(\d+)$/.exec(route)?.[1];
    if (pinId) return this.getPin(request, pinId, url, response);
    sendError(response, 404, 404, `No route ${route}`);
  }

  private userAccount(request: IncomingMessage, response: ServerResponse): void {
    if (!this.oauth.grantFor(request, ['user_accounts:read'], response)) return;
    sendJson(response, 200, {
      account_type: 'BUSINESS',
      id: FAKE_USER.id,
      username: FAKE_USER.username,
      business_name: 'Shopcast Test Shop',
      profile_image: 'https://i.pinimg.com/280x280_RS/00/00/00/avatar.jpg',
      website_url: 'https://shop.example',
      board_count: 2,
      pin_count: this.pins.length,
    });
  }

  /** Bookmark pagination (`page_size` 1–250, default 25), the caller's own boards only. */
  private listBoards(request: IncomingMessage, url: URL, response: ServerResponse): void {
    const grant = this.oauth.grantFor(request, ['boards:read'], response);
    if (!grant) return;
    const pageSize = Number(url.searchParams.get('page_size') ?? 25);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 250)
      return this.refuse(response, '/v5/boards', 400, 1, 'page_size must be between 1 and 250.');
    const start = Number(Buffer.from(url.searchParams.get('bookmark') ?? '', 'base64url').toString() || 0);
    const own = this.boards.filter((board) => board.ownerId === grant.userId);
    const page = own.slice(start, start + pageSize);
    const next =
      start + pageSize < own.length ? Buffer.from(String(start + pageSize)).toString('base64url') : null;
    sendJson(response, 200, { items: page.map((board) => this.boardView(board)), bookmark: next });
  }

  private async createPin(
    request: IncomingMessage,
    raw: Buffer,
    response: ServerResponse,
    hang: boolean,
  ): Promise<void> {
    const grant = this.oauth.grantFor(request, PIN_SCOPES, response);
    if (!grant) return;
    if (!String(request.headers['content-type']).startsWith('application/json'))
      return this.refuse(response, '/v5/pins', 400, 1, 'Content-Type must be application/json');
    const body = parseJson(raw) as Record<string, unknown> | undefined;
    const validate = pinterestSchema('PinCreate');
    if (body === undefined || !validate(body))
      return this.refuse(response, '/v5/pins', 400, 1, pinterestSchemaMessage(validate.errors));
    const source = body.media_source as Record<string, unknown> | undefined;
    if (typeof body.board_id !== 'string' || !source)
      return this.refuse(response, '/v5/pins', 400, 1, 'board_id and media_source are required.');
    const board = this.boards.find((b) => b.id === body.board_id && b.ownerId === grant.userId);
    if (!board) return this.refuse(response, '/v5/pins', 404, 404, 'Board not found.');
    const mediaProblem = await this.checkMediaSource(source, grant.userId);
    if (mediaProblem) return this.refuse(response, '/v5/pins', 400, 1, mediaProblem);
    const pin: FakePin = {
      id: this.newId(),
      userId: grant.userId,
      boardId: board.id,
      title: (body.title as string | undefined) ?? null,
      description: (body.description as string | undefined) ?? null,
      link: (body.link as string | undefined) ?? null,
      mediaSource: source,
      createdAt: new Date().toISOString(),
    };
    this.pins.push(pin);
    if (hang) return;
    sendJson(response, 201, this.pinView(pin, false));
  }

  /** Pinterest fetches image URLs itself; a video must be an upload of this user that finished processing. */
  private async checkMediaSource(source: Record<string, unknown>, userId: string): Promise<string | null> {
    if (source.source_type === 'image_url') return this.checkImageUrl(String(source.url));
    if (source.source_type === 'multiple_image_urls') {
      for (const item of source.items as Array<{ url: string }>) {
        const problem = await this.checkImageUrl(item.url);
        if (problem) return problem;
      }
      return null;
    }
    if (source.source_type === 'video_id') {
      const media = this.media.find((m) => m.id === source.media_id && m.userId === userId);
      if (!media) return 'Media not found.';
      if (media.status !== 'succeeded') return `Media is not ready (status: ${media.status}).`;
      return null;
    }
    return `media_source ${String(source.source_type)} is not supported.`;
  }

  private async checkImageUrl(url: string): Promise<string | null> {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      const bytes = Buffer.from(await response.arrayBuffer());
      if (response.ok && isPinImage(bytes)) return null;
    } catch {
      // Same answer as an unreadable image.
    }
    return `Sorry we could not fetch the image from ${url}.`;
  }

  private registerMedia(request: IncomingMessage, raw: Buffer, response: ServerResponse): void {
    const grant = this.oauth.grantFor(request, ['pins:read', 'pins:write'], response);
    if (!grant) return;
    const body = parseJson(raw);
    const validate = pinterestSchema('MediaUploadCreate');
    if (body === undefined || !validate(body))
      return this.refuse(response, '/v5/media', 400, 1, pinterestSchemaMessage(validate.errors));
    const id = this.newId();
    const uploadParameters = {
      'x-amz-date': '20260122T185143Z',
      'x-amz-signature': randomBytes(32).toString('hex'),
      'x-amz-security-token': randomBytes(24).toString('base64'),
      'x-amz-algorithm': 'AWS4-HMAC-SHA256',
      key: `uploads/11/aa/22/3:video:${grant.userId}:${id}`,
      policy: Buffer.from(JSON.stringify({ expiration: '2026-12-31T00:00:00Z' })).toString('base64'),
      'x-amz-credential': 'ASIA6QZJ64OPIKV7FRVX/20260122/us-east-1/s3/aws4_request',
      'Content-Type': 'multipart/form-data',
    };
    this.media.push({
      id,
      userId: grant.userId,
      status: 'registered',
      uploadParameters,
      pollsLeft: 0,
      uploadedBytes: 0,
    });
    sendJson(response, 201, {
      media_id: id,
      media_type: 'video',
      upload_url: `${this.url}/media-upload/`,
      upload_parameters: uploadParameters,
    });
  }

  /** The S3 POST-policy upload: every upload parameter must come back unchanged, then `file`; 204. */
  private async upload(request: IncomingMessage, raw: Buffer, response: ServerResponse): Promise<void> {
    const type = String(request.headers['content-type'] ?? '');
    const form = type.startsWith('multipart/form-data')
      ? await new Response(raw, { headers: { 'content-type': type } }).formData().catch(() => undefined)
      : undefined;
    const key = form?.get('key');
    const media = this.media.find((m) => m.uploadParameters.key === key);
    const fields = form ? [...form.keys()] : [];
    const mismatched = media
      ? Object.entries(media.uploadParameters).filter(([name, value]) => form?.get(name) !== value)
      : [];
    const file = form?.get('file');
    if (!media || mismatched.length > 0 || fields.at(-1) !== 'file' || !(file instanceof Blob))
      return this.s3Error(
        response,
        'AccessDenied',
        `Invalid according to Policy: ${mismatched.map(([n]) => n).join(', ') || 'missing key or file'}`,
      );
    const bytes = Buffer.from(await file.arrayBuffer());
    if (!isVideo(bytes)) return this.s3Error(response, 'InvalidArgument', 'file is not a video');
    media.uploadedBytes = bytes.length;
    media.status = 'processing';
    media.pollsLeft = this.options.mediaProcessingPolls ?? 1;
    response.writeHead(204).end();
  }

  /** registered → processing (for the configured number of polls) → succeeded | failed. */
  private mediaStatus(request: IncomingMessage, id: string, response: ServerResponse): void {
    const grant = this.oauth.grantFor(request, ['pins:read'], response);
    if (!grant) return;
    const media = this.media.find((m) => m.id === id && m.userId === grant.userId);
    if (!media) return sendError(response, 404, 404, 'Media not found.');
    if (media.status === 'processing') {
      if (media.pollsLeft > 0) media.pollsLeft -= 1;
      else media.status = this.options.mediaOutcome ?? 'succeeded';
    }
    sendJson(response, 200, { media_id: media.id, media_type: 'video', status: media.status });
  }

  private getPin(request: IncomingMessage, id: string, url: URL, response: ServerResponse): void {
    const grant = this.oauth.grantFor(request, ['boards:read', 'pins:read'], response);
    if (!grant) return;
    const pin = this.pins.find((p) => p.id === id && p.userId === grant.userId);
    if (!pin) return sendError(response, 404, 404, 'Pin not found.');
    sendJson(response, 200, this.pinView(pin, url.searchParams.get('pin_metrics') === 'true'));
  }

  private pinAnalytics(request: IncomingMessage, id: string, url: URL, response: ServerResponse): void {
    const grant = this.oauth.grantFor(request, ['boards:read', 'pins:read'], response);
    if (!grant) return;
    const q = url.searchParams;
    const types = (q.get('metric_types') ?? '').split(',').filter(Boolean);
    const date = /^\d{4}-\d{2}-\d{2}$/;
    const oldest = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
    if (!date.test(q.get('start_date') ?? '') || !date.test(q.get('end_date') ?? '') || types.length === 0)
      return this.refuse(response, url.pathname, 400, 400, 'Invalid pins analytics parameters.');
    if ((q.get('start_date') as string) < oldest || types.some((t) => !ANALYTICS_METRICS.includes(t)))
      return this.refuse(response, url.pathname, 400, 400, 'Invalid pins analytics parameters.');
    const pin = this.pins.find((p) => p.id === id && p.userId === grant.userId);
    if (!pin) return sendError(response, 404, 404, 'Pin not found.');
    const metrics = this.pinMetrics.get(id) ?? {};
    const lifetime = ['TOTAL_COMMENTS', 'TOTAL_REACTIONS'];
    const pick = (names: string[]) => Object.fromEntries(names.map((name) => [name, metrics[name] ?? 0]));
    sendJson(response, 200, {
      all: {
        daily_metrics: [],
        summary_metrics: pick(types.filter((t) => !lifetime.includes(t))),
        lifetime_metrics: pick(types.filter((t) => lifetime.includes(t))),
      },
    });
  }

  private pinView(pin: FakePin, withMetrics: boolean): Record<string, unknown> {
    const m = this.pinMetrics.get(pin.id) ?? {};
    const view: Record<string, unknown> = {
      id: pin.id,
      created_at: pin.createdAt,
      link: pin.link,
      title: pin.title,
      description: pin.description,
      board_id: pin.boardId,
      board_owner: { username: FAKE_USER.username },
      is_owner: true,
      is_standard: true,
      media: { media_type: pin.mediaSource.source_type === 'video_id' ? 'video' : 'image' },
    };
    if (withMetrics)
      view.pin_metrics = {
        lifetime_metrics: {
          impression: m.IMPRESSION ?? 0,
          pin_click: m.PIN_CLICK ?? 0,
          clickthrough: m.OUTBOUND_CLICK ?? 0,
          reaction: m.TOTAL_REACTIONS ?? 0,
          comment: m.TOTAL_COMMENTS ?? 0,
        },
      };
    return view;
  }

  private boardView(board: FakeBoard): Record<string, unknown> {
    return {
      id: board.id,
      name: board.name,
      description: board.description,
      privacy: board.privacy,
      owner: { username: FAKE_USER.username },
      pin_count: this.pins.filter((pin) => pin.boardId === board.id).length,
    };
  }

  private record(request: IncomingMessage, url: URL, raw: Buffer): void {
    const type = String(request.headers['content-type'] ?? '');
    let body: unknown = null;
    if (type.startsWith('application/json')) body = parseJson(raw);
    if (type.startsWith('application/x-www-form-urlencoded')) {
      const form = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
      // Codes and tokens are credentials: keep which fields came, not their values.
      body = Object.fromEntries(
        Object.keys(form).map((key) => [key, key === 'grant_type' ? form[key] : '<set>']),
      );
    }
    this.received.push({
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
    });
  }

  private rateLimited(response: ServerResponse, retryAfterSec?: number): void {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (retryAfterSec !== undefined) headers['retry-after'] = String(retryAfterSec);
    response.writeHead(429, headers);
    response.end(JSON.stringify({ code: 8, message: 'You have exceeded your rate limit. Try again later.' }));
  }

  private refuse(
    response: ServerResponse,
    path: string,
    status: number,
    code: number,
    message: string,
  ): void {
    this.rejected.push({ path, status, body: { code, message } });
    sendError(response, status, code, message);
  }

  private s3Error(response: ServerResponse, code: string, message: string): void {
    const status = code === 'AccessDenied' ? 403 : 400;
    this.rejected.push({ path: '/media-upload/', status, body: { code, message } });
    response.writeHead(status, { 'content-type': 'application/xml' });
    response.end(
      `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    );
  }

  private newId(): string {
    this.nextId += 1n;
    return this.nextId.toString();
  }
}
