import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Failures,
  fetchMedia,
  type GraphFailure,
  graphErrorBody,
  paramsOf,
  readBody,
  sendJson,
  sniff,
  tokenOf,
} from './graph-wire.js';

export interface FakePage {
  id: string;
  name: string;
  /** The linked Instagram professional account, if any. */
  igUserId?: string;
  igUsername?: string;
}

export interface FakeGraphOptions {
  clientId: string;
  clientSecret: string;
  pages?: FakePage[];
  /** Short-lived user tokens: about 1–2 h. */
  shortTokenTtlSec?: number;
  /** Long-lived user tokens: about 60 days (5183944 s). */
  longTokenTtlSec?: number;
  /** Instagram API posts per rolling window: 50 in current docs, 25 in older ones. */
  quotaTotal?: number;
  quotaDurationSec?: number;
  /** Status reads a video container answers IN_PROGRESS before it is FINISHED. */
  videoProcessingPolls?: number;
  /** The same for image and carousel containers. */
  imageProcessingPolls?: number;
  /** Containers expire after 24 h. */
  containerTtlSec?: number;
  /** Caption hashtag cap: 30 historically, 5 per newer guidance. */
  hashtagMax?: number;
  /** Calls per rolling hour before code 4 (X-App-Usage call_count reaches 100). */
  appCallsPerHour?: number;
}

/** How the next container created ends, instead of the configured default. */
export type ContainerScript =
  | { outcome: 'ERROR'; status: string; pollsFirst?: number }
  | { outcome: 'EXPIRED'; pollsFirst?: number }
  | { outcome: 'FINISHED'; pollsFirst: number };

/** A scripted answer for the next call of a route, e.g. `POST /feed` or `POST /media_publish`. */
export type GraphFault =
  | ({ kind: 'error'; regainMinutes?: number } & GraphFailure)
  /** Does the work, then never answers: the caller cannot know it happened. */
  | { kind: 'succeed_then_hang' };

export interface RecordedCall {
  method: string;
  /** The path without the version, e.g. `/123/feed`. */
  path: string;
  /** Query and body; `access_token` removed, secrets and exchanged tokens masked. */
  params: Record<string, string>;
  hadToken: boolean;
}

interface Grant {
  kind: 'user' | 'page';
  userId: string;
  scopes: string[];
  /** null: never expires (Page tokens from a long-lived user token). */
  expiresAt: number | null;
  pageId?: string;
  longLived?: boolean;
  revoked?: boolean;
}

interface Container {
  id: string;
  igUserId: string;
  mediaType: 'IMAGE' | 'VIDEO' | 'REELS' | 'CAROUSEL';
  isCarouselItem: boolean;
  children: string[];
  caption: string;
  mediaUrl: string | null;
  status: 'IN_PROGRESS' | 'FINISHED' | 'PUBLISHED' | 'ERROR' | 'EXPIRED';
  pollsLeft: number;
  final: ContainerScript;
  createdAt: number;
  statusReads: number;
}

export interface IgMedia {
  id: string;
  igUserId: string;
  containerId: string;
  mediaType: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  productType: 'FEED' | 'REELS';
  caption: string;
  children: string[];
  permalink: string;
  publishedAt: number;
}

export interface FbPost {
  id: string;
  pageId: string;
  kind: 'status' | 'photo' | 'video';
  message: string;
  link: string | null;
  photoIds: string[];
  fileUrl: string | null;
}

export interface Counters {
  impressions?: number;
  reach?: number;
  views?: number;
  likes?: number;
  comments?: number;
  shares?: number;
  saved?: number;
}

const USER_ID = '10160000000000001';
const STATUS_TEXT: Record<Container['status'], string> = {
  IN_PROGRESS: 'In Progress',
  FINISHED: 'Finished',
  PUBLISHED: 'Published',
  ERROR: 'Error',
  EXPIRED: 'Error: the media container has expired',
};
const FEED_METRICS = ['impressions', 'reach', 'likes', 'comments', 'shares', 'saved', 'total_interactions'];
const REELS_METRICS = ['views', 'reach', 'likes', 'comments', 'shares', 'saved', 'total_interactions'];

/**
 * A local Graph API (Facebook Pages and Instagram content publishing) that enforces the documented
 * contract: Facebook Login (client secret, single-use codes, long-lived exchange), user vs Page tokens and
 * their scopes, required parameters, JPEG-only Instagram images fetched from their URL, media containers
 * with a scripted state machine, media_publish refusing unfinished containers and enforcing the rolling
 * quota, the Graph error shape with fbtrace_id, X-App-Usage / X-Business-Use-Case-Usage headers, and
 * injected faults. Every call is recorded (without its token).
 */
export class FakeGraphServer {
  readonly calls: RecordedCall[] = [];
  readonly posts: FbPost[] = [];
  readonly igMedia: IgMedia[] = [];
  readonly containers = new Map<string, Container>();
  /** Calls refused as not matching the contract, with the error sent. */
  readonly refused: Array<{ path: string; error: GraphFailure }> = [];
  readonly pages: FakePage[];
  private readonly photos = new Map<string, { pageId: string; url: string; published: boolean }>();
  private readonly grants = new Map<string, Grant>();
  private readonly codes = new Map<string, { redirectUri: string; scopes: string[] }>();
  private readonly faults: Array<{ route: string; fault: GraphFault }> = [];
  private readonly scripts: ContainerScript[] = [];
  private readonly counters = new Map<string, Counters>();
  private readonly callTimes: number[] = [];
  private server?: Server;
  private nextId = 17_890_000_000_000_000n;
  url = '';

  constructor(private readonly options: FakeGraphOptions) {
    this.pages = options.pages ?? [
      {
        id: '104000000000001',
        name: 'Shopcast Test Shop',
        igUserId: '17841400000000001',
        igUsername: 'shopcast_test',
      },
    ];
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) =>
        sendJson(
          response,
          500,
          graphErrorBody({ status: 500, code: 1, message: String(error), isTransient: true }),
        ),
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

  /** The next call of `route` (`POST /feed`, `POST /photos`, `POST /videos`, `POST /media`, `POST /media_publish`, `GET /content_publishing_limit`, ...) answers with `fault`. */
  failNext(route: string, fault: GraphFault): void {
    this.faults.push({ route, fault });
  }

  /** The next containers created end as scripted, in order. */
  scriptContainers(...scripts: ContainerScript[]): void {
    this.scripts.push(...scripts);
  }

  /** Counters that insights and post fields report for a media or post id. */
  setMetrics(id: string, counters: Counters): void {
    this.counters.set(id, counters);
  }

  /** Every token expires now, as when a user's session ends. */
  expireTokens(): void {
    for (const grant of this.grants.values()) grant.expiresAt = 0;
  }

  /** Publishes `count` posts for an Instagram account as if made elsewhere, to fill the quota. */
  fillQuota(igUserId: string, count: number): void {
    for (let i = 0; i < count; i += 1) {
      const id = this.newId();
      this.igMedia.push({
        id,
        igUserId,
        containerId: 'external',
        mediaType: 'IMAGE',
        productType: 'FEED',
        caption: 'posted elsewhere',
        children: [],
        permalink: `https://www.instagram.com/p/${id}/`,
        publishedAt: Date.now(),
      });
    }
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const raw = await readBody(request);
    const params = paramsOf(url, request, raw);
    const token = tokenOf(request, params);
    delete params.access_token;
    const path = url.pathname.replace(/^\/v\d+\.\d+/, '');
    const method = request.method ?? 'GET';
    this.calls.push({ method, path, params: redact(params), hadToken: token !== undefined });
    const ctx: Ctx = { method, path, params, token, response, url };
    if (path === '/dialog/oauth' && method === 'GET') return this.dialog(ctx);
    if (path === '/oauth/access_token' && method === 'GET') return this.accessToken(ctx);
    if (this.overAppLimit()) return this.fail(ctx, Failures.appLimit());
    const segments = path.split('/').filter(Boolean);
    const route = `${method} /${segments.length > 1 ? segments[1] : ':id'}`;
    const faultIndex = this.faults.findIndex((entry) => entry.route === route);
    const fault = faultIndex >= 0 ? this.faults.splice(faultIndex, 1)[0].fault : undefined;
    if (fault?.kind === 'error') return this.fail(ctx, fault, fault.regainMinutes);
    ctx.hang = fault?.kind === 'succeed_then_hang';
    const grant = this.grantFor(ctx);
    if (!grant) return;
    if (path === '/me/accounts' && method === 'GET') return this.accounts(ctx, grant);
    if (path === '/me/permissions' && method === 'DELETE') return this.deauthorize(ctx, grant);
    const [id, edge] = segments;
    if (segments.length === 1 && method === 'GET') return this.node(ctx, grant, id);
    const page = this.pages.find((candidate) => candidate.id === id);
    if (page && method === 'POST' && edge === 'feed') return this.feed(ctx, grant, page);
    if (page && method === 'POST' && edge === 'photos') return this.photo(ctx, grant, page);
    if (page && method === 'POST' && edge === 'videos') return this.video(ctx, grant, page);
    const igPage = this.pages.find((candidate) => candidate.igUserId === id);
    if (igPage && method === 'POST' && edge === 'media') return this.createContainer(ctx, grant, igPage);
    if (igPage && method === 'POST' && edge === 'media_publish') return this.mediaPublish(ctx, grant, igPage);
    if (igPage && method === 'GET' && edge === 'content_publishing_limit')
      return this.publishingLimit(ctx, grant, igPage);
    if (method === 'GET' && edge === 'insights') return this.insights(ctx, grant, id);
    this.fail(ctx, Failures.unknownObject(id ?? '', method));
  }

  // --- Facebook Login ---

  private dialog(ctx: Ctx): void {
    const { client_id: clientId, redirect_uri: redirectUri, state, scope } = ctx.params;
    if (clientId !== this.options.clientId || !redirectUri || !state) {
      ctx.response
        .writeHead(400, { 'content-type': 'text/html' })
        .end('<h1>Invalid App ID or redirect_uri</h1>');
      return;
    }
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { redirectUri, scopes: (scope ?? '').split(',').filter(Boolean) });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    target.searchParams.set('state', state);
    ctx.response.writeHead(302, { location: target.toString() }).end();
  }

  private accessToken(ctx: Ctx): void {
    const p = ctx.params;
    if (p.client_id !== this.options.clientId)
      return this.fail(ctx, Failures.invalidParam('Error validating application. Invalid application ID.'));
    if (p.client_secret !== this.options.clientSecret)
      return this.fail(ctx, { status: 400, code: 1, message: 'Error validating client secret.' });
    if (p.grant_type === 'fb_exchange_token') {
      const grant = this.grants.get(p.fb_exchange_token ?? '');
      if (!grant || grant.kind !== 'user' || grant.revoked || isExpired(grant))
        return this.fail(ctx, grant ? Failures.expiredToken() : Failures.badToken());
      return this.issueUserToken(ctx, grant.scopes, true);
    }
    if (!p.code) return this.fail(ctx, Failures.missingParam('code'));
    if (!p.redirect_uri) return this.fail(ctx, Failures.missingParam('redirect_uri'));
    const pending = this.codes.get(p.code);
    this.codes.delete(p.code);
    if (!pending)
      return this.fail(ctx, {
        status: 400,
        code: 100,
        subcode: 36009,
        message: 'This authorization code has been used.',
      });
    if (pending.redirectUri !== p.redirect_uri)
      return this.fail(ctx, {
        status: 400,
        code: 100,
        subcode: 36008,
        message:
          'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
      });
    this.issueUserToken(ctx, pending.scopes, false);
  }

  private issueUserToken(ctx: Ctx, scopes: string[], longLived: boolean): void {
    const ttl = longLived
      ? (this.options.longTokenTtlSec ?? 5_183_944)
      : (this.options.shortTokenTtlSec ?? 5400);
    const token = `EAA${randomBytes(32).toString('base64url')}`;
    this.grants.set(token, {
      kind: 'user',
      userId: USER_ID,
      scopes,
      expiresAt: Date.now() + ttl * 1000,
      longLived,
    });
    this.send(ctx, { access_token: token, token_type: 'bearer', expires_in: ttl });
  }

  private deauthorize(ctx: Ctx, grant: Grant): void {
    for (const other of this.grants.values()) if (other.userId === grant.userId) other.revoked = true;
    this.send(ctx, { success: true });
  }

  // --- Pages ---

  private accounts(ctx: Ctx, grant: Grant): void {
    if (!this.requireScopes(ctx, grant, ['pages_show_list'], 'user')) return;
    const fields = fieldsOf(ctx.params, ['id', 'name', 'access_token', 'category', 'tasks']);
    const data = this.pages.map((page) =>
      pick(fields, {
        id: page.id,
        name: page.name,
        access_token: this.pageToken(grant, page.id),
        category: 'Shopping & retail',
        tasks: ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE'],
        picture: {
          data: {
            height: 50,
            width: 50,
            is_silhouette: false,
            url: `https://scontent.example/${page.id}.jpg`,
          },
        },
      }),
    );
    this.send(ctx, { data, paging: { cursors: { before: 'QVFIUk', after: 'QVFIUm' } } });
  }

  /** GET /{id}: a Page, an IG user, a container, an IG media or a Page post. */
  private node(ctx: Ctx, grant: Grant, id: string): void {
    const page = this.pages.find((candidate) => candidate.id === id);
    if (page) return this.pageNode(ctx, grant, page);
    const igPage = this.pages.find((candidate) => candidate.igUserId === id);
    if (igPage) {
      if (!this.requireIg(ctx, grant, igPage, 'instagram_basic')) return;
      return this.answerFields(ctx, 'IGUser', {
        id,
        username: igPage.igUsername ?? 'ig_user',
        profile_picture_url: `https://scontent.cdninstagram.example/${id}.jpg`,
        media_count: this.igMedia.filter((media) => media.igUserId === id).length,
      });
    }
    const container = this.containers.get(id);
    if (container) return this.containerNode(ctx, grant, container);
    const media = this.igMedia.find((candidate) => candidate.id === id);
    if (media) return this.mediaNode(ctx, grant, media);
    const post = this.posts.find((candidate) => candidate.id === id);
    if (post) return this.postNode(ctx, grant, post);
    this.fail(ctx, Failures.unknownObject(id, ctx.method));
  }

  private pageNode(ctx: Ctx, grant: Grant, page: FakePage): void {
    if (!this.requireScopes(ctx, grant, ['pages_show_list'])) return;
    const fields = fieldsOf(ctx.params, ['id', 'name']);
    if (fields.includes('access_token') && grant.kind !== 'user')
      return this.fail(ctx, Failures.invalidParam('access_token can only be read with a user access token'));
    this.answerFields(ctx, 'Page', {
      id: page.id,
      name: page.name,
      access_token: grant.kind === 'user' ? this.pageToken(grant, page.id) : undefined,
      instagram_business_account: page.igUserId ? { id: page.igUserId } : undefined,
      category: 'Shopping & retail',
    });
  }

  private feed(ctx: Ctx, grant: Grant, page: FakePage): void {
    if (!this.requirePageToken(ctx, grant, page)) return;
    const { message, link, attached_media: attachedRaw } = ctx.params;
    if (!message && !link && !attachedRaw)
      return this.fail(ctx, Failures.invalidParam('Either message, link or attached_media must be set'));
    if (link !== undefined && !/^https?:\/\//.test(link))
      return this.fail(ctx, Failures.invalidParam('The link parameter is not a valid URL'));
    let photoIds: string[] = [];
    if (attachedRaw !== undefined) {
      const parsed = parseAttached(attachedRaw);
      const invalid = parsed?.find((photoId) => {
        const photo = this.photos.get(photoId);
        return !photo || photo.pageId !== page.id || photo.published;
      });
      if (!parsed || parsed.length === 0 || invalid !== undefined)
        return this.fail(
          ctx,
          Failures.invalidParam(`param attached_media has an invalid media_fbid (${invalid ?? attachedRaw})`),
        );
      photoIds = parsed;
    }
    const last = this.posts.filter((post) => post.pageId === page.id).at(-1);
    if (message && last?.message === message && last.kind === 'status' && photoIds.length === 0)
      return this.fail(ctx, Failures.duplicate());
    for (const photoId of photoIds) this.photos.get(photoId)!.published = true;
    const id = this.addPost(page, 'status', { message: message ?? '', link: link ?? null, photoIds });
    this.send(ctx, { id });
  }

  private async photo(ctx: Ctx, grant: Grant, page: FakePage): Promise<void> {
    if (!this.requirePageToken(ctx, grant, page)) return;
    const { url } = ctx.params;
    if (!url) return this.fail(ctx, Failures.missingParam('url'));
    const bytes = await fetchMedia(url);
    const type = bytes ? sniff(bytes) : undefined;
    if (!type || type === 'video') return this.fail(ctx, Failures.notImage());
    const photoId = this.newId();
    const published = ctx.params.published !== 'false';
    this.photos.set(photoId, { pageId: page.id, url, published });
    if (!published) return this.send(ctx, { id: photoId });
    const postId = this.addPost(page, 'photo', {
      message: ctx.params.message ?? ctx.params.caption ?? '',
      photoIds: [photoId],
    });
    this.send(ctx, { id: photoId, post_id: postId });
  }

  private async video(ctx: Ctx, grant: Grant, page: FakePage): Promise<void> {
    if (!this.requirePageToken(ctx, grant, page)) return;
    const fileUrl = ctx.params.file_url;
    if (!fileUrl) return this.fail(ctx, Failures.missingParam('file_url'));
    const bytes = await fetchMedia(fileUrl);
    if (!bytes || sniff(bytes) !== 'video') return this.fail(ctx, Failures.notVideo());
    const id = this.newId();
    this.posts.push({
      id,
      pageId: page.id,
      kind: 'video',
      message: ctx.params.description ?? '',
      link: null,
      photoIds: [],
      fileUrl,
    });
    this.send(ctx, { id });
  }

  private postNode(ctx: Ctx, grant: Grant, post: FbPost): void {
    const page = this.pages.find((candidate) => candidate.id === post.pageId) as FakePage;
    if (!this.requirePageToken(ctx, grant, page, ['pages_read_engagement'])) return;
    const counters = this.counters.get(post.id) ?? {};
    const summary = (total: number) => ({ data: [], summary: { total_count: total } });
    const fields = fieldsOf(ctx.params, ['id', 'created_time']).map((field) => field.replace(/\..*$/, ''));
    const all: Record<string, unknown> = {
      id: post.id,
      created_time: new Date().toISOString(),
      message: post.message,
      reactions: summary(counters.likes ?? 0),
      comments: summary(counters.comments ?? 0),
      shares: counters.shares ? { count: counters.shares } : undefined,
      permalink_url: `https://www.facebook.com/${post.id}`,
    };
    const unknown = fields.find((field) => !(field in all));
    if (unknown) return this.fail(ctx, Failures.unknownField(unknown, 'Post'));
    this.send(ctx, pick(fields, all));
  }

  // --- Instagram ---

  private async createContainer(ctx: Ctx, grant: Grant, igPage: FakePage): Promise<void> {
    if (!this.requireIg(ctx, grant, igPage, 'instagram_content_publish')) return;
    const p = ctx.params;
    const isCarouselItem = p.is_carousel_item === 'true';
    const mediaType = (p.media_type ?? 'IMAGE') as Container['mediaType'] | 'STORIES';
    if (!['IMAGE', 'VIDEO', 'REELS', 'CAROUSEL'].includes(mediaType))
      return this.fail(ctx, Failures.invalidParam(`media_type ${mediaType} is not supported`));
    if (mediaType === 'VIDEO' && !isCarouselItem)
      return this.fail(ctx, {
        status: 400,
        code: 100,
        subcode: 2207067,
        message: 'The VIDEO media type is no longer supported for feed posts; use REELS',
      });
    const caption = p.caption ?? '';
    const captionProblem = this.captionProblem(caption);
    if (captionProblem) return this.fail(ctx, Failures.invalidParam(captionProblem));
    let children: string[] = [];
    let mediaUrl: string | null = null;
    if (mediaType === 'CAROUSEL') {
      if (!p.children) return this.fail(ctx, Failures.missingParam('children'));
      children = p.children.split(',');
      if (children.length < 2 || children.length > 10)
        return this.fail(ctx, Failures.invalidParam('A carousel takes 2 to 10 children'));
      const bad = children.find((childId) => {
        const child = this.containers.get(childId);
        return (
          !child || !child.isCarouselItem || child.igUserId !== igPage.igUserId || child.status !== 'FINISHED'
        );
      });
      if (bad)
        return this.fail(
          ctx,
          Failures.invalidParam(`The child ${bad} is not a finished carousel item of this account`),
        );
    } else if (mediaType === 'IMAGE') {
      if (!p.image_url) return this.fail(ctx, Failures.missingParam('image_url'));
      const bytes = await fetchMedia(p.image_url);
      if (!bytes) return this.fail(ctx, Failures.mediaFetch(p.image_url));
      if (sniff(bytes) !== 'jpeg') return this.fail(ctx, Failures.notJpeg());
      mediaUrl = p.image_url;
    } else {
      if (!p.video_url) return this.fail(ctx, Failures.missingParam('video_url'));
      mediaUrl = p.video_url;
    }
    const isVideo = mediaType === 'VIDEO' || mediaType === 'REELS';
    const script =
      this.scripts.shift() ??
      ({
        outcome: 'FINISHED',
        pollsFirst: isVideo
          ? (this.options.videoProcessingPolls ?? 2)
          : (this.options.imageProcessingPolls ?? 0),
      } as ContainerScript);
    // A video Meta cannot read ends in ERROR once processed, as the real pipeline reports it.
    const final =
      isVideo && mediaUrl && sniff((await fetchMedia(mediaUrl)) ?? Buffer.alloc(0)) !== 'video'
        ? ({
            outcome: 'ERROR',
            status: 'ERROR: Media upload has failed with error code 2207026',
            pollsFirst: script.pollsFirst,
          } as ContainerScript)
        : script;
    const id = this.newId();
    this.containers.set(id, {
      id,
      igUserId: igPage.igUserId as string,
      mediaType: mediaType as Container['mediaType'],
      isCarouselItem,
      children,
      caption,
      mediaUrl,
      status: 'IN_PROGRESS',
      pollsLeft: final.pollsFirst ?? 0,
      final,
      createdAt: Date.now(),
      statusReads: 0,
    });
    this.send(ctx, { id });
  }

  private containerNode(ctx: Ctx, grant: Grant, container: Container): void {
    const igPage = this.pages.find((page) => page.igUserId === container.igUserId) as FakePage;
    if (!this.requireIg(ctx, grant, igPage, 'instagram_basic')) return;
    this.advance(container, true);
    const status =
      container.final.outcome === 'ERROR' && container.status === 'ERROR'
        ? container.final.status
        : STATUS_TEXT[container.status];
    this.answerFields(ctx, 'ShadowIGMediaBuilder', {
      id: container.id,
      status_code: container.status,
      status,
    });
  }

  /** A status read moves a container one step; the 24-hour expiry applies to any that is not published. */
  private advance(container: Container, isRead: boolean): void {
    const ttl = (this.options.containerTtlSec ?? 86_400) * 1000;
    if (container.status !== 'PUBLISHED' && Date.now() - container.createdAt > ttl)
      container.status = 'EXPIRED';
    if (container.status !== 'IN_PROGRESS' || !isRead) return;
    container.statusReads += 1;
    if (container.pollsLeft > 0) {
      container.pollsLeft -= 1;
      return;
    }
    container.status = container.final.outcome;
  }

  private mediaPublish(ctx: Ctx, grant: Grant, igPage: FakePage): void {
    if (!this.requireIg(ctx, grant, igPage, 'instagram_content_publish')) return;
    const creationId = ctx.params.creation_id;
    if (!creationId) return this.fail(ctx, Failures.missingParam('creation_id'));
    const container = this.containers.get(creationId);
    if (!container || container.igUserId !== igPage.igUserId || container.isCarouselItem)
      return this.fail(
        ctx,
        Failures.invalidParam(`creation_id ${creationId} is not a container of this account`),
      );
    this.advance(container, false);
    if (container.status === 'EXPIRED')
      return this.fail(ctx, {
        status: 400,
        code: 9007,
        subcode: 2207003,
        message: 'The media container has expired',
      });
    if (container.status !== 'FINISHED') return this.fail(ctx, Failures.mediaNotReady());
    const total = this.options.quotaTotal ?? 50;
    if (this.quotaUsage(igPage.igUserId as string) >= total)
      return this.fail(ctx, Failures.dailyLimit(total));
    container.status = 'PUBLISHED';
    const id = this.newId();
    const isReel = container.mediaType === 'REELS';
    this.igMedia.push({
      id,
      igUserId: igPage.igUserId as string,
      containerId: container.id,
      mediaType: container.mediaType === 'CAROUSEL' ? 'CAROUSEL_ALBUM' : isReel ? 'VIDEO' : 'IMAGE',
      productType: isReel ? 'REELS' : 'FEED',
      caption: container.caption,
      children: container.children,
      permalink: `https://www.instagram.com/${isReel ? 'reel' : 'p'}/${Buffer.from(id).toString('base64url').slice(0, 11)}/`,
      publishedAt: Date.now(),
    });
    this.send(ctx, { id });
  }

  private publishingLimit(ctx: Ctx, grant: Grant, igPage: FakePage): void {
    if (!this.requireIg(ctx, grant, igPage, 'instagram_basic')) return;
    const fields = fieldsOf(ctx.params, ['quota_usage']);
    const entry: Record<string, unknown> = { quota_usage: this.quotaUsage(igPage.igUserId as string) };
    if (fields.includes('config'))
      entry.config = {
        quota_total: this.options.quotaTotal ?? 50,
        quota_duration: this.options.quotaDurationSec ?? 86_400,
      };
    this.send(ctx, { data: [entry] });
  }

  private mediaNode(ctx: Ctx, grant: Grant, media: IgMedia): void {
    const igPage = this.pages.find((page) => page.igUserId === media.igUserId) as FakePage;
    if (!this.requireIg(ctx, grant, igPage, 'instagram_basic')) return;
    this.answerFields(ctx, 'IGMedia', {
      id: media.id,
      caption: media.caption,
      media_type: media.mediaType,
      media_product_type: media.productType,
      permalink: media.permalink,
      timestamp: new Date(media.publishedAt).toISOString(),
    });
  }

  private insights(ctx: Ctx, grant: Grant, id: string): void {
    const media = this.igMedia.find((candidate) => candidate.id === id);
    if (!media) return this.fail(ctx, Failures.unknownObject(id, ctx.method));
    const igPage = this.pages.find((page) => page.igUserId === media.igUserId) as FakePage;
    if (!this.requireIg(ctx, grant, igPage, 'instagram_manage_insights')) return;
    if (!ctx.params.metric) return this.fail(ctx, Failures.missingParam('metric'));
    const allowed = media.productType === 'REELS' ? REELS_METRICS : FEED_METRICS;
    const metrics = ctx.params.metric.split(',');
    const index = metrics.findIndex((metric) => !allowed.includes(metric));
    if (index >= 0)
      return this.fail(
        ctx,
        Failures.invalidParam(`metric[${index}] must be one of the following values: ${allowed.join(', ')}`),
      );
    const counters = (this.counters.get(id) ?? {}) as Record<string, number | undefined>;
    this.send(ctx, {
      data: metrics.map((name) => ({
        name,
        period: 'lifetime',
        values: [{ value: counters[name] ?? 0 }],
        title: name,
        description: name,
        id: `${id}/insights/${name}/lifetime`,
      })),
    });
  }

  // --- Tokens and permissions ---

  private grantFor(ctx: Ctx): Grant | undefined {
    if (!ctx.token) return void this.fail(ctx, Failures.noToken());
    const grant = this.grants.get(ctx.token);
    if (!grant) return void this.fail(ctx, Failures.badToken());
    if (grant.revoked) return void this.fail(ctx, Failures.revokedToken());
    if (isExpired(grant)) return void this.fail(ctx, Failures.expiredToken());
    return grant;
  }

  /** Page tokens are stable per user and Page; from a long-lived user token they never expire. */
  private pageToken(grant: Grant, pageId: string): string {
    for (const [token, other] of this.grants)
      if (
        other.kind === 'page' &&
        other.pageId === pageId &&
        other.userId === grant.userId &&
        !other.revoked &&
        !isExpired(other)
      )
        return token;
    const token = `EAAP${randomBytes(32).toString('base64url')}`;
    this.grants.set(token, {
      kind: 'page',
      userId: grant.userId,
      pageId,
      scopes: grant.scopes,
      expiresAt: grant.longLived ? null : grant.expiresAt,
    });
    return token;
  }

  private requireScopes(ctx: Ctx, grant: Grant, scopes: string[], kind?: Grant['kind']): boolean {
    if (kind && grant.kind !== kind) {
      this.fail(ctx, Failures.invalidParam(`This call needs a ${kind} access token`));
      return false;
    }
    const missing = scopes.find((scope) => !grant.scopes.includes(scope));
    if (missing) this.fail(ctx, Failures.permission(missing));
    return !missing;
  }

  /** Publishing to a Page takes a Page token of that Page with pages_manage_posts and pages_read_engagement. */
  private requirePageToken(
    ctx: Ctx,
    grant: Grant,
    page: FakePage,
    scopes = ['pages_manage_posts', 'pages_read_engagement'],
  ): boolean {
    const ok =
      grant.kind === 'page' &&
      grant.pageId === page.id &&
      scopes.every((scope) => grant.scopes.includes(scope));
    if (!ok) this.fail(ctx, Failures.pagePermission());
    return ok;
  }

  /** Instagram calls take a user (or Page) token of a user managing the linked Page, with the scope. */
  private requireIg(ctx: Ctx, grant: Grant, igPage: FakePage, scope: string): boolean {
    if (grant.kind === 'page' && grant.pageId !== igPage.id) {
      this.fail(ctx, Failures.permission(scope));
      return false;
    }
    return this.requireScopes(ctx, grant, [scope]);
  }

  private captionProblem(caption: string): string | undefined {
    if ([...caption].length > 2200) return 'The caption is longer than 2200 characters';
    const hashtags = caption.match(/(^|\s)#[\p{L}\p{N}_]+/gu)?.length ?? 0;
    if (hashtags > (this.options.hashtagMax ?? 30))
      return `The caption has more than ${this.options.hashtagMax ?? 30} hashtags`;
    const mentions = caption.match(/(^|[^\w@.])@[A-Za-z0-9._]{1,30}/g)?.length ?? 0;
    if (mentions > 20) return 'The caption has more than 20 @-mentions';
    return undefined;
  }

  private quotaUsage(igUserId: string): number {
    const since = Date.now() - (this.options.quotaDurationSec ?? 86_400) * 1000;
    return this.igMedia.filter((media) => media.igUserId === igUserId && media.publishedAt > since).length;
  }

  // --- Wire ---

  private answerFields(ctx: Ctx, node: string, all: Record<string, unknown>): void {
    const fields = fieldsOf(ctx.params, ['id']);
    const unknown = fields.find((field) => !(field in all));
    if (unknown) return this.fail(ctx, Failures.unknownField(unknown, node));
    this.send(ctx, pick(fields, all));
  }

  private addPost(page: FakePage, kind: FbPost['kind'], fields: Partial<FbPost>): string {
    const id = `${page.id}_${this.newId()}`;
    this.posts.push({
      id,
      pageId: page.id,
      kind,
      message: '',
      link: null,
      photoIds: [],
      fileUrl: null,
      ...fields,
    });
    return id;
  }

  private overAppLimit(): boolean {
    const now = Date.now();
    this.callTimes.push(now);
    while (this.callTimes.length > 0 && this.callTimes[0] < now - 3_600_000) this.callTimes.shift();
    return this.callTimes.length > (this.options.appCallsPerHour ?? 10_000);
  }

  private usageHeaders(ctx: Ctx, regainMinutes = 0): Record<string, string> {
    const percent = Math.min(
      100,
      Math.round((this.callTimes.length / (this.options.appCallsPerHour ?? 10_000)) * 100),
    );
    const headers: Record<string, string> = {
      'x-app-usage': JSON.stringify({ call_count: percent, total_time: percent, total_cputime: percent }),
      'x-fb-trace-id': randomBytes(8).toString('base64url'),
    };
    const objectId = ctx.path.split('/').filter(Boolean)[0];
    const page = this.pages.find((candidate) => candidate.id === objectId || candidate.igUserId === objectId);
    if (page || regainMinutes > 0) {
      const type = page?.igUserId === objectId ? 'instagram' : 'pages';
      headers['x-business-use-case-usage'] = JSON.stringify({
        [objectId ?? 'unknown']: [
          {
            type,
            call_count: regainMinutes > 0 ? 100 : percent,
            total_cputime: percent,
            total_time: percent,
            estimated_time_to_regain_access: regainMinutes,
          },
        ],
      });
    }
    return headers;
  }

  private send(ctx: Ctx, body: unknown): void {
    if (ctx.hang) return;
    sendJson(ctx.response, 200, body, this.usageHeaders(ctx));
  }

  private fail(ctx: Ctx, failure: GraphFailure, regainMinutes?: number): void {
    this.refused.push({ path: `${ctx.method} ${ctx.path}`, error: failure });
    sendJson(ctx.response, failure.status, graphErrorBody(failure), this.usageHeaders(ctx, regainMinutes));
  }

  private newId(): string {
    this.nextId += 1n;
    return this.nextId.toString();
  }
}

interface Ctx {
  method: string;
  path: string;
  params: Record<string, string>;
  token: string | undefined;
  response: ServerResponse;
  url: URL;
  hang?: boolean;
}

const SECRET_PARAMS = ['client_secret', 'fb_exchange_token', 'code'];

function redact(params: Record<string, string>): Record<string, string> {
  const copy = { ...params };
  for (const name of SECRET_PARAMS) if (copy[name] !== undefined) copy[name] = '[redacted]';
  return copy;
}

function isExpired(grant: Grant): boolean {
  return grant.expiresAt !== null && grant.expiresAt <= Date.now();
}

/** The `fields` parameter at top level (commas inside braces or parentheses do not split). */
function fieldsOf(params: Record<string, string>, defaults: string[]): string[] {
  if (!params.fields) return defaults;
  const fields: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of params.fields) {
    if (char === '(' || char === '{') depth += 1;
    if (char === ')' || char === '}') depth -= 1;
    if (char === ',' && depth === 0) {
      fields.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim()) fields.push(current.trim());
  return fields.map((field) => field.replace(/[{(].*$/, ''));
}

function pick(fields: string[], all: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    fields.filter((field) => all[field] !== undefined).map((field) => [field, all[field]]),
  );
}

function parseAttached(raw: string): string[] | undefined {
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (!Array.isArray(parsed)) return undefined;
    const ids = parsed.map((entry) => (entry as { media_fbid?: unknown }).media_fbid);
    return ids.every((id) => typeof id === 'string') ? (ids as string[]) : undefined;
  } catch {
    return undefined;
  }
}
