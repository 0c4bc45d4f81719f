import type { PlatformAppConfig } from '@app/config';
import type { PostMetricsSnapshot, SafetyLimitsView, TargetOptions } from '@app/contracts';
import { checkPost, rulesFor } from '@app/platform-rules';
import { open } from 'node:fs/promises';
import {
  type OAuthProvider,
  type Provider,
  type PublishCredentials,
  PublishError,
  type PublishRequest,
  type PublishResult,
} from '../provider.js';
import type { SpooledVideo, VideoSpool } from '../video-spool.js';
import { MIB, planChunks } from './chunk-plan.js';
import { fileSource, mp4DurationSec } from './mp4-duration.js';
import { TikTokApi } from './tiktok-api.js';
import { TikTokOAuth } from './tiktok-oauth.js';
import {
  choosePrivacyLevel,
  readTikTokPostOptions,
  type TikTokPostOptions,
  tiktokOptionProblems,
} from './tiktok-post-options.js';
import { waitForPublish } from './tiktok-status.js';

export interface TikTokProviderOptions {
  app: PlatformAppConfig;
  callTimeoutMs: number;
  allowPrivateUrls: boolean;
  /** Where a FILE_UPLOAD video waits on disk between download and upload. */
  videos: VideoSpool;
  /** Time between status polls; TikTok allows 30 status calls a minute per token. */
  statusPollIntervalMs?: number;
  /** Preferred FILE_UPLOAD chunk size, clamped to TikTok's 5–64 MiB. */
  chunkBytes?: number;
  maxVideoBytes?: number;
}

interface CreatorInfo {
  creator_username?: string;
  privacy_level_options?: string[];
  comment_disabled?: boolean;
  duet_disabled?: boolean;
  stitch_disabled?: boolean;
  max_video_post_duration_sec?: number;
}

interface PostInfo {
  title: string;
  privacy_level: string;
  disable_comment: boolean;
  disable_duet: boolean;
  disable_stitch: boolean;
}

const MAX_TEXT_LENGTH = 2200;

/** TikTok Content Posting API (Direct Post of one video) and Display API metrics. */
export class TikTokProvider implements Provider {
  readonly platform = 'tiktok' as const;
  readonly publishesAutomatically = true;
  readonly oauth: OAuthProvider;
  readonly defaultLimits: SafetyLimitsView = {
    dailyCap: 10,
    minGapSec: 900,
    jitterSec: 300,
    quietStart: null,
    quietEnd: null,
  };
  private readonly api: TikTokApi;

  constructor(private readonly options: TikTokProviderOptions) {
    this.api = new TikTokApi(options.app.apiBaseUrl, options.callTimeoutMs);
    this.oauth = new TikTokOAuth(options.app, this.api, options.callTimeoutMs);
  }

  describe() {
    return {
      platform: this.platform,
      name: 'TikTok',
      connectWith: 'oauth' as const,
      isConfigured: Boolean(this.options.app.clientId && this.options.app.clientSecret),
      capabilities: { text: true, images: false, maxImages: 0, video: true },
      limits: { maxTextLength: MAX_TEXT_LENGTH, textCounting: 'UTF-16 code units' },
    };
  }

  check(target: { text: string; mediaUrls: string[]; options: TargetOptions }): string[] {
    const hasMedia = target.mediaUrls.length > 0;
    const problems = checkPost({ text: target.text }, rulesFor('tiktok'), { hasMedia }).violations.map(
      (violation) => `${violation.rule}: ${violation.message}`,
    );
    if (!hasMedia)
      problems.push('tiktok.video.required: TikTok needs a video (photo posts are not supported yet)');
    if (target.mediaUrls.length > 1) problems.push('tiktok.video.max: a TikTok post has exactly one video');
    return [...problems, ...tiktokOptionProblems(target.options)];
  }

  async publish(credentials: PublishCredentials, request: PublishRequest): Promise<PublishResult> {
    const accessToken = credentials.accessToken;
    if (!accessToken)
      throw new PublishError('needs_reconnect', 'The TikTok account is not connected; reconnect it');
    const problems = this.check(request);
    if (problems.length > 0) throw new PublishError('rejected_content', problems.join('; '));
    const postOptions = readTikTokPostOptions(request.options);
    const creator = await this.api.post<CreatorInfo>('/v2/post/publish/creator_info/query/', {
      accessToken,
      doing: 'reading the account’s posting settings',
    });
    const postInfo = this.postInfo(request.text, postOptions, creator);
    const publishId =
      postOptions.source === 'PULL_FROM_URL'
        ? await this.initPull(accessToken, postInfo, request.mediaUrls[0])
        : await this.uploadFile(accessToken, postInfo, request.mediaUrls[0], creator);
    const status = await waitForPublish(this.api, {
      accessToken,
      publishId,
      intervalMs: this.options.statusPollIntervalMs ?? 3000,
      deadline: Date.now() + this.options.callTimeoutMs,
    });
    const username = creator.creator_username;
    return {
      externalId: status.postId ?? publishId,
      url: status.postId && username ? `https://www.tiktok.com/@${username}/video/${status.postId}` : null,
      responseStatus: 200,
    };
  }

  async fetchMetrics(credentials: PublishCredentials, externalId: string): Promise<PostMetricsSnapshot> {
    const accessToken = credentials.accessToken;
    if (!accessToken)
      throw new PublishError('needs_reconnect', 'The TikTok account is not connected; reconnect it');
    const data = await this.api.post<{ videos?: TikTokVideoStats[] }>(
      '/v2/video/query/?fields=id,like_count,comment_count,share_count,view_count',
      { accessToken, json: { filters: { video_ids: [externalId] } }, doing: 'reading the post’s counters' },
    );
    const video = data.videos?.find((candidate) => String(candidate.id) === externalId);
    if (!video)
      throw new PublishError(
        'retryable',
        'TikTok has no public video with this id yet (it may still be in moderation)',
      );
    return {
      impressions: 0,
      views: video.view_count ?? 0,
      likes: video.like_count ?? 0,
      comments: video.comment_count ?? 0,
      shares: video.share_count ?? 0,
      saves: 0,
      clicks: 0,
    };
  }

  private postInfo(title: string, options: TikTokPostOptions, creator: CreatorInfo): PostInfo {
    return {
      title,
      privacy_level: choosePrivacyLevel(options.privacyLevel, creator.privacy_level_options ?? []),
      // Where the creator switched an interaction off in TikTok, a post cannot switch it on.
      disable_comment: options.disableComment || creator.comment_disabled === true,
      disable_duet: options.disableDuet || creator.duet_disabled === true,
      disable_stitch: options.disableStitch || creator.stitch_disabled === true,
    };
  }

  private async initPull(accessToken: string, postInfo: PostInfo, videoUrl: string): Promise<string> {
    const data = await this.api.post<{ publish_id?: string }>('/v2/post/publish/video/init/', {
      accessToken,
      json: { post_info: postInfo, source_info: { source: 'PULL_FROM_URL', video_url: videoUrl } },
      doing: 'handing the video URL to TikTok',
      // TikTok starts pulling as soon as it accepts the call.
      lostAnswer: 'unknown_outcome',
    });
    return requirePublishId(data.publish_id);
  }

  private async uploadFile(
    accessToken: string,
    postInfo: PostInfo,
    videoUrl: string,
    creator: CreatorInfo,
  ): Promise<string> {
    return this.options.videos.withVideo(
      videoUrl,
      {
        allowPrivate: this.options.allowPrivateUrls,
        maxBytes: this.options.maxVideoBytes ?? 500 * MIB,
        timeoutMs: this.options.callTimeoutMs,
      },
      async (video) => {
        await assertDuration(video, creator.max_video_post_duration_sec);
        return this.sendChunks(accessToken, postInfo, video);
      },
    );
  }

  /** FILE_UPLOAD: init with the chunk plan, then each chunk PUT in order, read from the file as it is sent. */
  private async sendChunks(accessToken: string, postInfo: PostInfo, video: SpooledVideo): Promise<string> {
    const plan = planChunks(video.size, this.options.chunkBytes);
    const data = await this.api.post<{ publish_id?: string; upload_url?: string }>(
      '/v2/post/publish/video/init/',
      {
        accessToken,
        json: {
          post_info: postInfo,
          source_info: {
            source: 'FILE_UPLOAD',
            video_size: plan.videoSize,
            chunk_size: plan.chunkSize,
            total_chunk_count: plan.totalChunkCount,
          },
        },
        doing: 'starting the upload',
      },
    );
    const publishId = requirePublishId(data.publish_id);
    if (!data.upload_url)
      throw new PublishError('retryable', 'TikTok answered the upload without an upload URL');
    for (const [index, chunk] of plan.chunks.entries()) {
      const isLast = index === plan.chunks.length - 1;
      await this.api.putChunk(
        data.upload_url,
        {
          path: video.path,
          start: chunk.start,
          end: chunk.end,
          total: plan.videoSize,
          mimeType: video.mimeType,
        },
        isLast ? 'unknown_outcome' : 'retryable',
      );
    }
    return publishId;
  }
}

interface TikTokVideoStats {
  id: string | number;
  like_count?: number;
  comment_count?: number;
  share_count?: number;
  view_count?: number;
}

function requirePublishId(publishId: string | undefined): string {
  if (!publishId) throw new PublishError('retryable', 'TikTok answered without a publish_id');
  return publishId;
}

async function assertDuration(video: SpooledVideo, maxSec: number | undefined): Promise<void> {
  if (maxSec === undefined) return;
  const file = await open(video.path);
  const durationSec = await mp4DurationSec(fileSource(file, video.size)).finally(() => file.close());
  if (durationSec === null || durationSec <= maxSec) return;
  throw new PublishError(
    'rejected_content',
    `The video lasts ${Math.round(durationSec)} s; this TikTok account can post videos of at most ${maxSec} s`,
  );
}
