import { checkPost, isHttpUrl, rulesFor } from '@app/platform-rules';
import type { PostMetricsSnapshot, SafetyLimitsView, TargetOptions } from '@app/contracts';
import {
  type AccountProfile,
  type Provider,
  type PublishCredentials,
  PublishError,
  type PublishRequest,
  type PublishResult,
} from '../provider.js';
import { probeMedia, type ProbedMedia } from './media-probe.js';
import { MetaProvider, type MetaProviderOptions } from './meta-provider.js';

const SCOPES = ['pages_manage_posts', 'pages_read_engagement', 'pages_show_list', 'publish_video'];
const MAX_IMAGES = 10;
/** Meta fetches the file itself; this bounds a probe of a server that ignores Range. */
const MAX_PROBE_BYTES = 300 * 1024 * 1024;

interface PageList {
  data?: Array<{ id: string; name: string; picture?: { data?: { url?: string } } }>;
}

/** Facebook Pages through the Graph API: posts, photos, multi-photo posts and videos on a Page. */
export class FacebookProvider extends MetaProvider<MetaProviderOptions> implements Provider {
  readonly platform = 'facebook' as const;
  /** A link post's link, when the user set options.link (instead of media). */
  readonly linkField = { option: 'link', isFilledByDefault: false };
  readonly defaultLimits: SafetyLimitsView = {
    dailyCap: 25,
    minGapSec: 300,
    jitterSec: 120,
    quietStart: null,
    quietEnd: null,
  };

  constructor(options: MetaProviderOptions) {
    super(options, 'Facebook', SCOPES);
  }

  describe() {
    return {
      platform: this.platform,
      name: 'Facebook Page',
      connectWith: 'oauth' as const,
      isConfigured: this.isConfigured,
      capabilities: { text: true, images: true, maxImages: MAX_IMAGES, video: true },
      limits: { maxTextLength: rulesFor('facebook').text.max, textCounting: 'Unicode code points' },
    };
  }

  check(target: { text: string; mediaUrls: string[]; options: TargetOptions }): string[] {
    const hasMedia = target.mediaUrls.length > 0;
    const problems = checkPost({ text: target.text }, rulesFor('facebook'), { hasMedia }).violations.map(
      (violation) => `${violation.rule}: ${violation.message}`,
    );
    const link = target.options.link;
    if (!hasMedia && target.text.trim() === '' && !link)
      problems.push('facebook.text.required: a Facebook post needs text, a link, images or a video');
    if (target.mediaUrls.length > MAX_IMAGES)
      problems.push(`facebook.media.max: a Facebook post takes at most ${MAX_IMAGES} images`);
    if (link !== undefined && link !== null && !isHttpUrl(link))
      problems.push('facebook.link.invalid: options.link must be an http or https URL');
    if (link && hasMedia)
      problems.push('facebook.link.media: a Facebook post takes a link or media, not both');
    return problems;
  }

  /** The first Page the user granted; its id is the connection's account id. */
  async fetchAccount(userToken: string): Promise<AccountProfile> {
    const pages = await this.graph.get<PageList>(
      '/me/accounts',
      userToken,
      { fields: 'id,name,picture' },
      { doing: 'listing your Facebook Pages' },
    );
    const page = pages.data?.[0];
    if (!page)
      throw new PublishError(
        'needs_reconnect',
        'No Facebook Page was shared with Shopcast; connect again and select a Page',
      );
    return { id: page.id, name: page.name, avatarUrl: page.picture?.data?.url ?? null };
  }

  async publish(credentials: PublishCredentials, request: PublishRequest): Promise<PublishResult> {
    const pageId = credentials.accountId;
    if (!credentials.accessToken || !pageId)
      throw new PublishError('needs_reconnect', 'The Facebook Page is not connected; reconnect it');
    const media = await Promise.all(request.mediaUrls.map((url) => this.probe(url)));
    const pageToken = await this.pageToken(credentials.accessToken, pageId);
    const videos = media.filter((item) => item.kind === 'video');
    if (videos.length > 0 && media.length > 1)
      throw new PublishError(
        'rejected_content',
        'A Facebook post takes either images or a single video, not both or several videos',
      );
    let postId: string;
    if (videos.length === 1) postId = await this.postVideo(pageToken, pageId, videos[0].url, request);
    else if (media.length === 1) postId = await this.postPhoto(pageToken, pageId, media[0].url, request.text);
    else if (media.length > 1) postId = await this.postPhotos(pageToken, pageId, media, request.text);
    else postId = await this.postFeed(pageToken, pageId, { message: request.text, link: linkOf(request) });
    return { externalId: postId, url: `https://www.facebook.com/${postId}`, responseStatus: 200 };
  }

  async fetchMetrics(credentials: PublishCredentials, externalId: string): Promise<PostMetricsSnapshot> {
    if (!credentials.accessToken || !credentials.accountId)
      throw new PublishError('needs_reconnect', 'The Facebook Page is not connected; reconnect it');
    const pageToken = await this.pageToken(credentials.accessToken, credentials.accountId);
    const post = await this.graph.get<{
      reactions?: { summary?: { total_count?: number } };
      comments?: { summary?: { total_count?: number } };
      shares?: { count?: number };
    }>(
      `/${externalId}`,
      pageToken,
      { fields: 'reactions.summary(true),comments.summary(true),shares' },
      { doing: 'reading the post metrics' },
    );
    return {
      impressions: 0,
      views: 0,
      likes: post.reactions?.summary?.total_count ?? 0,
      comments: post.comments?.summary?.total_count ?? 0,
      shares: post.shares?.count ?? 0,
      saves: 0,
      clicks: 0,
    };
  }

  /** A Page token, read at publish time with the stored user token; never stored or logged. */
  private async pageToken(userToken: string, pageId: string): Promise<string> {
    const page = await this.graph.get<{ access_token?: string }>(
      `/${pageId}`,
      userToken,
      { fields: 'access_token' },
      { doing: 'getting access to the Page' },
    );
    if (!page.access_token)
      throw new PublishError(
        'needs_reconnect',
        'Facebook gave no access to this Page; reconnect it as a Page admin that can create content',
      );
    return page.access_token;
  }

  private async postFeed(
    pageToken: string,
    pageId: string,
    fields: { message: string; link?: string; attached_media?: string },
  ): Promise<string> {
    const result = await this.graph.post<{ id?: string }>(`/${pageId}/feed`, pageToken, fields, {
      doing: 'publishing the post',
      publishes: true,
    });
    return requireId(result.id);
  }

  private async postPhoto(pageToken: string, pageId: string, url: string, message: string): Promise<string> {
    const result = await this.graph.post<{ id?: string; post_id?: string }>(
      `/${pageId}/photos`,
      pageToken,
      { url, message, published: true },
      { doing: 'publishing the photo', publishes: true },
    );
    return requireId(result.post_id ?? result.id);
  }

  /** Each image as an unpublished photo, then one post that attaches them all. */
  private async postPhotos(
    pageToken: string,
    pageId: string,
    media: ProbedMedia[],
    message: string,
  ): Promise<string> {
    const photoIds: string[] = [];
    for (const item of media) {
      const photo = await this.graph.post<{ id?: string }>(
        `/${pageId}/photos`,
        pageToken,
        { url: item.url, published: false },
        { doing: 'uploading a photo' },
      );
      if (!photo.id) throw new PublishError('retryable', 'Facebook accepted a photo but gave no id');
      photoIds.push(photo.id);
    }
    const attached = JSON.stringify(photoIds.map((id) => ({ media_fbid: id })));
    return this.postFeed(pageToken, pageId, { message, attached_media: attached });
  }

  private async postVideo(
    pageToken: string,
    pageId: string,
    fileUrl: string,
    request: PublishRequest,
  ): Promise<string> {
    const result = await this.graph.post<{ id?: string }>(
      `/${pageId}/videos`,
      pageToken,
      { file_url: fileUrl, description: request.text, title: request.title ?? undefined },
      { doing: 'publishing the video', publishes: true, host: 'video' },
    );
    return requireId(result.id);
  }

  private probe(url: string): Promise<ProbedMedia> {
    return probeMedia(url, {
      allowPrivate: this.options.allowPrivateUrls,
      maxBytes: MAX_PROBE_BYTES,
      timeoutMs: this.options.callTimeoutMs,
    });
  }
}

/** A 200 without an id: the platform took the call but Shopcast cannot tell what it made. */
function requireId(id: string | undefined): string {
  if (!id)
    throw new PublishError(
      'unknown_outcome',
      'Facebook answered without a post id; check the Page before retrying',
    );
  return id;
}

function linkOf(request: PublishRequest): string | undefined {
  return typeof request.options.link === 'string' ? request.options.link : undefined;
}
