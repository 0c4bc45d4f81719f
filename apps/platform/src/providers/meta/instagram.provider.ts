import { setTimeout as sleep } from 'node:timers/promises';
import { checkPost, rulesFor, withHashtagMax } from '@app/platform-rules';
import type { PostMetricsSnapshot, SafetyLimitsView } from '@app/contracts';
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

const SCOPES = [
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_insights',
  'pages_read_engagement',
  'pages_show_list',
];
const MAX_ITEMS = 10;
const MAX_PROBE_BYTES = 300 * 1024 * 1024;

export interface InstagramProviderOptions extends MetaProviderOptions {
  /** Between two status reads of a media container (default 3 s). */
  pollIntervalMs?: number;
  /** Hashtags a caption may hold: 30 historically, 5 per newer guidance (default 30). */
  hashtagMax?: number;
  /** @-mentions a caption may hold (default 20). */
  mentionMax?: number;
}

type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'PUBLISHED' | 'ERROR' | 'EXPIRED';

/** Instagram professional accounts linked to a Facebook Page (Facebook Login), via media containers. */
export class InstagramProvider extends MetaProvider<InstagramProviderOptions> implements Provider {
  readonly platform = 'instagram' as const;
  readonly defaultLimits: SafetyLimitsView = {
    dailyCap: 25,
    minGapSec: 600,
    jitterSec: 300,
    quietStart: null,
    quietEnd: null,
  };

  constructor(options: InstagramProviderOptions) {
    super(options, 'Instagram', SCOPES);
  }

  describe() {
    return {
      platform: this.platform,
      name: 'Instagram',
      connectWith: 'oauth' as const,
      isConfigured: this.isConfigured,
      capabilities: { text: false, images: true, maxImages: MAX_ITEMS, video: true },
      limits: { maxTextLength: rulesFor('instagram').text.max, textCounting: 'Unicode code points' },
    };
  }

  check(target: { text: string; mediaUrls: string[] }): string[] {
    const rules = withHashtagMax(rulesFor('instagram'), this.options.hashtagMax ?? 30);
    const problems = checkPost({ text: target.text }, rules, { hasMedia: true }).violations.map(
      (violation) => `${violation.rule}: ${violation.message}`,
    );
    const mentionMax = this.options.mentionMax ?? 20;
    const mentions = countMentions(target.text);
    if (mentions > mentionMax)
      problems.push(
        `instagram.mentions.max: Instagram allows ${mentionMax} @-mentions; this text has ${mentions}`,
      );
    if (target.mediaUrls.length === 0)
      problems.push('instagram.media.required: Instagram posts need an image or a video');
    if (target.mediaUrls.length > MAX_ITEMS)
      problems.push(`instagram.media.max: an Instagram carousel takes at most ${MAX_ITEMS} items`);
    return problems;
  }

  /** The first Page with a linked Instagram professional account; the IG user id is the account id. */
  async fetchAccount(userToken: string): Promise<AccountProfile> {
    const pages = await this.graph.get<{ data?: Array<{ id: string }> }>(
      '/me/accounts',
      userToken,
      { fields: 'id' },
      { doing: 'listing your Facebook Pages' },
    );
    for (const page of pages.data ?? []) {
      const linked = await this.graph.get<{ instagram_business_account?: { id: string } }>(
        `/${page.id}`,
        userToken,
        { fields: 'instagram_business_account' },
        { doing: 'finding the Instagram account of a Page' },
      );
      const igUserId = linked.instagram_business_account?.id;
      if (!igUserId) continue;
      const profile = await this.graph.get<{ username?: string; profile_picture_url?: string }>(
        `/${igUserId}`,
        userToken,
        { fields: 'username,profile_picture_url' },
        { doing: 'reading your Instagram account' },
      );
      return {
        id: igUserId,
        name: profile.username ?? igUserId,
        avatarUrl: profile.profile_picture_url ?? null,
      };
    }
    throw new PublishError(
      'needs_reconnect',
      'No Instagram professional account is linked to a Facebook Page you shared; link one and connect again',
    );
  }

  async publish(credentials: PublishCredentials, request: PublishRequest): Promise<PublishResult> {
    const token = credentials.accessToken;
    const igUserId = credentials.accountId;
    if (!token || !igUserId)
      throw new PublishError('needs_reconnect', 'The Instagram account is not connected; reconnect it');
    if (request.mediaUrls.length === 0)
      throw new PublishError('rejected_content', 'Instagram posts need an image or a video');
    await this.requireQuota(token, igUserId);
    const media = await Promise.all(request.mediaUrls.map((url) => this.probe(url)));
    const creationId =
      media.length === 1
        ? await this.createContainer(token, igUserId, {
            ...itemFields(media[0], false),
            caption: request.text,
          })
        : await this.createCarousel(token, igUserId, media, request.text);
    const published = await this.graph.post<{ id?: string }>(
      `/${igUserId}/media_publish`,
      token,
      { creation_id: creationId },
      { doing: 'publishing the post', publishes: true },
    );
    if (!published.id)
      throw new PublishError(
        'unknown_outcome',
        'Instagram answered without a media id; check the account before retrying',
      );
    return { externalId: published.id, url: await this.permalink(token, published.id), responseStatus: 200 };
  }

  async fetchMetrics(credentials: PublishCredentials, externalId: string): Promise<PostMetricsSnapshot> {
    const token = credentials.accessToken;
    if (!token)
      throw new PublishError('needs_reconnect', 'The Instagram account is not connected; reconnect it');
    const media = await this.graph.get<{ media_product_type?: string }>(
      `/${externalId}`,
      token,
      { fields: 'media_type,media_product_type' },
      { doing: 'reading the post' },
    );
    const reach = media.media_product_type === 'REELS' ? 'views' : 'impressions';
    const insights = await this.graph.get<{
      data?: Array<{ name: string; values?: Array<{ value?: number }> }>;
    }>(
      `/${externalId}/insights`,
      token,
      { metric: `${reach},likes,comments,shares,saved` },
      { doing: 'reading the post metrics' },
    );
    const value = (name: string) =>
      insights.data?.find((metric) => metric.name === name)?.values?.[0]?.value ?? 0;
    return {
      impressions: value('impressions'),
      views: value('views'),
      likes: value('likes'),
      comments: value('comments'),
      shares: value('shares'),
      saves: value('saved'),
      clicks: 0,
    };
  }

  /** The rolling 24-hour publishing quota; when it is used up, retry once the window has passed. */
  private async requireQuota(token: string, igUserId: string): Promise<void> {
    const limit = await this.graph.get<{
      data?: Array<{ quota_usage?: number; config?: { quota_total?: number; quota_duration?: number } }>;
    }>(
      `/${igUserId}/content_publishing_limit`,
      token,
      { fields: 'quota_usage,config' },
      { doing: 'reading the publishing quota' },
    );
    const usage = limit.data?.[0];
    const total = usage?.config?.quota_total;
    if (usage?.quota_usage === undefined || total === undefined || usage.quota_usage < total) return;
    const windowSec = usage.config?.quota_duration ?? 86_400;
    throw new PublishError(
      'rate_limited',
      `Instagram allows ${total} API posts per ${Math.round(windowSec / 3600)} hours and this account has used them; Shopcast will retry later`,
      null,
      new Date(Date.now() + windowSec * 1000),
    );
  }

  private async createCarousel(
    token: string,
    igUserId: string,
    media: ProbedMedia[],
    caption: string,
  ): Promise<string> {
    const children: string[] = [];
    for (const item of media)
      children.push(await this.createContainer(token, igUserId, itemFields(item, true)));
    return this.createContainer(token, igUserId, {
      media_type: 'CAROUSEL',
      children: children.join(','),
      caption,
    });
  }

  /** Creates a container and waits until Instagram has processed it. */
  private async createContainer(
    token: string,
    igUserId: string,
    fields: Record<string, string | boolean>,
  ): Promise<string> {
    const container = await this.graph.post<{ id?: string }>(`/${igUserId}/media`, token, fields, {
      doing: 'sending the media to Instagram',
    });
    if (!container.id) throw new PublishError('retryable', 'Instagram created no media container');
    await this.awaitFinished(token, container.id);
    return container.id;
  }

  private async awaitFinished(token: string, containerId: string): Promise<void> {
    const interval = this.options.pollIntervalMs ?? 3000;
    const deadline = Date.now() + this.options.callTimeoutMs;
    for (;;) {
      const container = await this.graph.get<{ status_code?: ContainerStatus; status?: string }>(
        `/${containerId}`,
        token,
        { fields: 'status_code,status' },
        { doing: 'waiting for Instagram to process the media' },
      );
      if (container.status_code === 'FINISHED') return;
      if (container.status_code === 'ERROR')
        throw new PublishError(
          'rejected_content',
          `Instagram could not process the media: ${container.status ?? 'no reason given'}`,
        );
      if (container.status_code === 'EXPIRED')
        throw new PublishError('retryable', 'The Instagram media container expired; Shopcast will try again');
      if (container.status_code === 'PUBLISHED')
        throw new PublishError(
          'unknown_outcome',
          'Instagram says this media is already published; check the account',
        );
      if (Date.now() + interval > deadline)
        throw new PublishError(
          'retryable',
          'Instagram is still processing the media; Shopcast will try again later',
        );
      await sleep(interval);
    }
  }

  /** Best effort: the post is live even when its link cannot be read. */
  private async permalink(token: string, mediaId: string): Promise<string | null> {
    try {
      const media = await this.graph.get<{ permalink?: string }>(
        `/${mediaId}`,
        token,
        { fields: 'permalink' },
        { doing: 'reading the post link' },
      );
      return media.permalink ?? null;
    } catch {
      return null;
    }
  }

  private async probe(url: string): Promise<ProbedMedia> {
    const media = await probeMedia(url, {
      allowPrivate: this.options.allowPrivateUrls,
      maxBytes: MAX_PROBE_BYTES,
      timeoutMs: this.options.callTimeoutMs,
    });
    if (media.kind === 'image' && media.mimeType !== 'image/jpeg')
      throw new PublishError(
        'rejected_content',
        `Instagram accepts only JPEG images; the file at ${new URL(url).host} is ${media.mimeType}`,
      );
    return media;
  }
}

/** The container fields of one item: an image, a reel, or a carousel child. */
function itemFields(media: ProbedMedia, isCarouselItem: boolean): Record<string, string | boolean> {
  const fields: Record<string, string | boolean> =
    media.kind === 'image'
      ? { image_url: media.url }
      : { media_type: isCarouselItem ? 'VIDEO' : 'REELS', video_url: media.url };
  if (isCarouselItem) fields.is_carousel_item = true;
  return fields;
}

/** @-mentions as Instagram links them: a handle of letters, digits, dots and underscores. */
function countMentions(text: string): number {
  return [...text.matchAll(/(^|[^\w@.])@([A-Za-z0-9._]{1,30})/g)].length;
}
