import { OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsTargetOptions, type TargetOptions } from './target-options.js';
import { HTTP_URL, Trim } from './validation.js';
import type { ConnectablePlatform } from './connections.dto.js';
import type { MediaKind } from './media.dto.js';

/** Request subjects of posts. */
export const PostSubjects = {
  create: 'platform.post.create',
  list: 'platform.post.list',
  get: 'platform.post.get',
  schedule: 'platform.post.schedule',
  approve: 'platform.post.approve',
  reject: 'platform.post.reject',
  cancel: 'platform.post.cancel',
  retry: 'platform.post.retry',
  markPublished: 'platform.post.mark-published',
  update: 'platform.post.update',
  getSettings: 'platform.settings.get',
  updateSettings: 'platform.settings.update',
  refreshMetrics: 'platform.post.refresh-metrics',
} as const;

export const TARGET_STATUSES = [
  'draft',
  'needs_review',
  'approved',
  'scheduled',
  /** Held by its paused campaign: never dispatched until the campaign resumes. */
  'paused',
  'publishing',
  'published',
  'failed',
  'unconfirmed',
  'cancelled',
] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/** What went wrong with a publish attempt, so a user knows whether to wait, reconnect or edit. */
export type PublishErrorClass =
  'retryable' | 'rate_limited' | 'needs_reconnect' | 'rejected_content' | 'unknown_outcome';

export type AttemptOutcome = 'calling' | 'published' | 'failed' | 'unconfirmed';

export class PostTargetDto {
  @IsUUID('all', { message: 'connectionId must be a UUID' })
  connectionId!: string;

  @IsString()
  @MaxLength(10_000)
  text!: string;

  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string;

  /** Images to attach, as http(s) URLs Shopcast can fetch (e.g. signed media URLs). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUrl(HTTP_URL, { each: true, message: 'each mediaUrls entry must be an http or https URL' })
  @MaxLength(2048, { each: true })
  mediaUrls?: string[];

  /** Media assets of the workspace (images or rendered videos), sent in the platform's preset size. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each mediaIds entry must be a media id (UUID)' })
  mediaIds?: string[];

  /** Platform-specific choices, e.g. `{boardId}` for Pinterest or `{privacyLevel}` for TikTok. */
  @IsOptional()
  @IsTargetOptions(4096)
  options?: TargetOptions;

  /**
   * Which copy variant the text is (`A`, `B`, a campaign template's label): the target's tracked link carries it
   * (`utm_content`), and a post whose targets carry two or more labels is an experiment. Set when the target is
   * created; it cannot change after.
   */
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 50)
  variant?: string;

  /** `false` publishes the target's URLs as written, without a tracked link. Default: the post's `tracking`. */
  @IsOptional()
  @IsBoolean()
  tracking?: boolean;
}

export class CreatePostDto {
  @IsOptional()
  @IsUUID()
  productId?: string;

  @IsArray()
  @ArrayMinSize(1, { message: 'targets needs at least one connection' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PostTargetDto)
  targets!: PostTargetDto[];

  /** ISO 8601 time to publish at; omit to keep the post as a draft. */
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'scheduledAt must be an ISO 8601 date-time' })
  scheduledAt?: string;

  /** Requires an owner, admin or editor to approve before anything is scheduled. */
  @IsOptional()
  @IsBoolean()
  requireReview?: boolean;

  /** Adds the post to a campaign; without scheduledAt it takes the campaign's next free slot. */
  @IsOptional()
  @IsUUID('all', { message: 'campaignId must be a UUID' })
  campaignId?: string;

  /** `false`: no target of the post gets a tracked link (default `true`). */
  @IsOptional()
  @IsBoolean()
  tracking?: boolean;
}

/**
 * A change to one target: any field of `PostTargetDto` but the connection and the variant, which are fixed (the
 * target's tracked link is made for them).
 */
export class UpdatePostTargetDto extends PartialType(
  OmitType(PostTargetDto, ['connectionId', 'variant'] as const),
) {
  @IsUUID('all', { message: 'targets.id must be the id of a target of this post' })
  id!: string;
}

/** Edits targets that are not yet publishing; on a post that requires review, an edit needs approval again. */
export class UpdatePostDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => UpdatePostTargetDto)
  targets!: UpdatePostTargetDto[];
}

export class UpdatePostRequest extends UpdatePostDto {
  @IsUUID()
  id!: string;
}

export class PublishingSettingsDto {
  /** Every post of the workspace needs an owner, admin or editor approval before it is scheduled. */
  @IsBoolean()
  requireReview!: boolean;

  /** The approver of a post must be someone other than its creator. Left as it is when absent. */
  @IsOptional()
  @IsBoolean()
  requireDistinctApprover?: boolean;
}

export class PublishingSettingsView {
  requireReview!: boolean;
  /** A post's creator may not approve it; someone else with the editor role or above must. */
  requireDistinctApprover!: boolean;
}

export class PostParams {
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

export class SchedulePostRequest {
  @IsUUID()
  id!: string;

  /** Defaults to now. */
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'scheduledAt must be an ISO 8601 date-time' })
  scheduledAt?: string;
}

export class SchedulePostDto {
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'scheduledAt must be an ISO 8601 date-time' })
  scheduledAt?: string;
}

export class ReviewPostDto {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ReviewPostRequest extends ReviewPostDto {
  @IsUUID()
  id!: string;
}

export class MarkPublishedDto {
  @IsUrl(HTTP_URL, { message: 'url must be the http(s) address of the published post' })
  @MaxLength(2048)
  url!: string;

  /** Which target, when the post has several manual ones. */
  @IsOptional()
  @IsUUID()
  targetId?: string;
}

export class MarkPublishedRequest extends MarkPublishedDto {
  @IsUUID()
  id!: string;
}

export class ListPostsQuery {
  @IsOptional()
  @IsUUID('all', { message: 'campaignId must be a UUID' })
  campaignId?: string;

  @IsOptional()
  @IsIn(TARGET_STATUSES)
  status?: TargetStatus;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  platform?: string;

  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

// Views are classes (not interfaces) so that the OpenAPI document, and the web app's typed client, describe them.
export class PublishAttemptView {
  id!: string;
  targetId!: string;
  startedAt!: string;
  finishedAt!: string | null;
  outcome!: AttemptOutcome;
  responseStatus!: number | null;
  errorClass!: PublishErrorClass | null;
  message!: string | null;
}

/** Why a target failed, in words a user understands, and what kind of failure it was. */
export class TargetErrorView {
  class!: PublishErrorClass;
  message!: string;
}

/** Cumulative counters a platform reports of one published target. */
export class TargetMetricsView {
  impressions!: number;
  views!: number;
  likes!: number;
  comments!: number;
  shares!: number;
  saves!: number;
  clicks!: number;
  collectedAt!: string;
}

export class TargetMediaView {
  id!: string;
  url!: string;
  kind!: MediaKind;
  mimeType!: string;
  width!: number | null;
  height!: number | null;
  durationSec?: number;
}

/** The tracked short link a target publishes in place of its destination URL. */
export class PostTargetLinkView {
  /** The link's id in analytics (`GET /api/v1/links/{id}`). */
  id!: string;
  /** `<LINK_BASE_URL>/l/<code>`: what the published text and the platform's link field carry. */
  shortUrl!: string;
}

export class PostTargetView {
  id!: string;
  connectionId!: string;
  platform!: ConnectablePlatform;
  /** The text as the user wrote it, with its URLs as written. Edits change this field. */
  text!: string;
  /**
   * The text the platform gets: `text` with every occurrence of `destinationUrl` replaced by the short link. It is
   * `text` itself while the target has no link (none needed, or not made yet: publishing makes it first).
   */
  publishedText!: string;
  title!: string | null;
  mediaUrls!: string[];
  mediaIds!: string[];
  /** The media ids as resolved at the last edit; re-resolved right before publishing, as signed URLs expire. */
  media!: TargetMediaView[];
  /** Platform-specific choices, e.g. `{boardId}` for Pinterest. */
  options!: TargetOptions;
  /** The copy variant's label (`A`, `B`, a campaign template's); null when none was named. */
  variant!: string | null;
  /** Whether the target's destination URL is published as a tracked link (false: opted out, or its post did). */
  tracking!: boolean;
  /**
   * The URL the target's tracked link leads to: the link field when the user filled it (Pinterest's or Facebook's
   * `options.link`), else the product's URL when the text contains it, else the first http(s) URL of the text,
   * else, for a pin (which always links somewhere), the product's URL. Null when the target gets no link.
   */
  destinationUrl!: string | null;
  /** The tracked link; null until it is made (at creation, or before publishing when analytics was unreachable). */
  link!: PostTargetLinkView | null;
  status!: TargetStatus;
  dueAt!: string | null;
  /** Why the due time moved (a safety limit or a retry), in words a user understands. */
  holdReason!: string | null;
  externalId!: string | null;
  externalUrl!: string | null;
  publishedAt!: string | null;
  error!: TargetErrorView | null;
  /** The platform's latest counters of the published target; null until they were first read. */
  metrics!: TargetMetricsView | null;
}

/** Targets whose metrics will be read again shortly. */
export interface MetricsRefreshView {
  queuedTargetIds: string[];
}

export class PostView {
  id!: string;
  productId!: string | null;
  campaignId!: string | null;
  /** The targets' status when they agree, else `mixed`. */
  status!: TargetStatus | 'mixed';
  requiresReview!: boolean;
  reviewNote!: string | null;
  /** The member who created the post (for autopilot posts, the rule's creator). */
  createdBy!: string;
  scheduledAt!: string | null;
  /** `false` when the post opted out of tracked links for all its targets. */
  tracking!: boolean;
  targets!: PostTargetView[];
  attempts!: PublishAttemptView[];
  createdAt!: string;
  updatedAt!: string;
}

export interface PostTargetEvent {
  postId: string;
  targetId: string;
  connectionId: string;
  platform: ConnectablePlatform;
  productId: string | null;
}

export interface PostScheduledEvent extends PostTargetEvent {
  dueAt: string;
}

export interface PostPublishedEvent extends PostTargetEvent {
  externalId: string | null;
  externalUrl: string | null;
  publishedAt: string;
}

export interface PostFailedEvent extends PostTargetEvent {
  errorClass: PublishErrorClass;
  message: string;
}
