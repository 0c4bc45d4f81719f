import { PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { HTTP_URL, Optional, Trim } from './validation.js';

/** Request subjects of tracked links and click ingestion (analytics service). */
export const LinkSubjects = {
  create: 'analytics.link.create',
  list: 'analytics.link.list',
  get: 'analytics.link.get',
  update: 'analytics.link.update',
  delete: 'analytics.link.delete',
  /** The tracked link of one post target: made once per idempotency key, then the same link again. */
  ensureForTarget: 'analytics.link.ensure-for-target',
  resolve: 'analytics.link.resolve',
  ingestClicks: 'analytics.click.ingest',
} as const;

export const LINK_ALIAS_PATTERN = /^[A-Za-z0-9_-]{3,64}$/;
/**
 * The length of every code analytics makes (8 characters; an alias may differ): with LINK_BASE_URL, it gives the
 * exact length of a post's short link, `<LINK_BASE_URL>/l/<code>`, before the link exists.
 */
export const LINK_CODE_LENGTH = 8;

/** A short link of the right length before its code is known: what copy and post rules count in its place. */
export function shortLinkStandIn(linkBaseUrl: string): string {
  return `${linkBaseUrl}/l/${'x'.repeat(LINK_CODE_LENGTH)}`;
}
/** A platform name as links record it (`instagram`, `x`, `facebook_page`). */
export const LINK_PLATFORM_PATTERN = /^[a-z0-9_-]{1,40}$/;

export class UtmDto {
  @IsOptional() @Trim() @IsString() @Length(1, 200) source?: string;
  @IsOptional() @Trim() @IsString() @Length(1, 200) medium?: string;
  @IsOptional() @Trim() @IsString() @Length(1, 200) campaign?: string;
  @IsOptional() @Trim() @IsString() @Length(1, 200) content?: string;
  @IsOptional() @Trim() @IsString() @Length(1, 200) term?: string;
}

export class CreateLinkDto {
  /** The destination (http or https). */
  @Trim()
  @IsUrl(HTTP_URL, { message: 'url must be an http(s) URL' })
  @MaxLength(2000)
  url!: string;

  @IsOptional() @IsUUID() productId?: string;
  @IsOptional() @IsUUID() postId?: string;
  /** The post target (one platform connection of a post) the link was published on. */
  @IsOptional() @IsUUID() targetId?: string;
  /** The campaign the link promotes; reports can be filtered and broken down by it. */
  @IsOptional() @IsUUID() campaignId?: string;
  /** The platform connection (account) the link is shared from. */
  @IsOptional() @IsUUID() connectionId?: string;
  /** Caption variant label, for experiments (e.g. `A`, `B`). */
  @IsOptional() @Trim() @IsString() @Length(1, 50) variant?: string;
  /** Platform the link is shared on (e.g. `instagram`); the default `utm_source`. */
  @IsOptional() @Trim() @IsString() @Matches(LINK_PLATFORM_PATTERN) platform?: string;

  /** UTM values; each missing one is filled from the platform, post, product and variant. */
  @IsOptional() @ValidateNested() @Type(() => UtmDto) utm?: UtmDto;

  /** Your own code instead of a random one: 3-64 letters, digits, `_` or `-`; unique. */
  @IsOptional()
  @Matches(LINK_ALIAS_PATTERN, { message: 'alias must be 3-64 letters, digits, _ or -' })
  alias?: string;

  /** After this instant the short link answers 410 Gone. */
  @IsOptional() @IsISO8601({ strict: true }) expiresAt?: string;
}

export class UpdateLinkDto extends PartialType(PickType(CreateLinkDto, ['url', 'utm'] as const)) {
  @IsOptional() @IsBoolean() isDisabled?: boolean;

  /** `null` removes the expiry. */
  @Optional({ nullable: true }) @IsISO8601({ strict: true }) expiresAt?: string | null;
}

/**
 * The link a post target publishes instead of its raw URL. Made once per idempotency key in a workspace: a
 * retry, or a concurrent duplicate, gets the same link. Asked again with another `url`, the link takes it as
 * its new destination (the short URL already handed out stays valid); asked again with other attribution
 * (post, target, connection, product, campaign, variant or platform), it answers 409 and changes nothing.
 * A link its owner turned off is answered as it is; a deleted one frees its key for a new link. UTM: `utm_source=<platform>`, `utm_medium=social`, `utm_campaign=<campaignSlug, or post>`,
 * `utm_content=<variant>` (none without a variant).
 */
export class PostTargetLinkDto {
  /** What makes the request the same one again; the post target's id is the natural key. */
  @Trim() @IsString() @Length(1, 200) idempotencyKey!: string;

  /** The destination (http or https). */
  @Trim()
  @IsUrl(HTTP_URL, { message: 'url must be an http(s) URL' })
  @MaxLength(2000)
  url!: string;

  @IsUUID() postId!: string;
  @IsUUID() targetId!: string;
  @IsUUID() connectionId!: string;
  @IsOptional() @IsUUID() productId?: string;
  @IsOptional() @IsUUID() campaignId?: string;
  /** The campaign's name as a URL-safe slug: the link's `utm_campaign`. */
  @IsOptional() @Trim() @IsString() @Length(1, 200) campaignSlug?: string;
  /** The caption variant label of this target (`A`, `B`): the link's `utm_content`. */
  @IsOptional() @Trim() @IsString() @Length(1, 50) variant?: string;
  /** The platform the target posts to: the link's `utm_source`. */
  @Trim() @IsString() @Matches(LINK_PLATFORM_PATTERN) platform!: string;
}

export class LinkIdParams {
  @IsUUID() id!: string;
}

export class ListLinksQuery {
  @IsOptional() @IsUUID() productId?: string;
  @IsOptional() @IsUUID() postId?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class UpdateLinkRequest {
  @IsUUID() id!: string;
  @IsObject() @ValidateNested() @Type(() => UpdateLinkDto) patch!: UpdateLinkDto;
}

export class UtmView {
  source!: string;
  medium!: string;
  campaign!: string;
  content?: string;
  term?: string;
}

export class LinkView {
  id!: string;
  code!: string;
  /** The short link to share: `<base>/l/<code>`. */
  shortUrl!: string;
  /** The destination with UTM parameters; each visit also gets a click id. */
  trackedUrl!: string;
  url!: string;
  productId!: string | null;
  postId!: string | null;
  targetId!: string | null;
  campaignId!: string | null;
  connectionId!: string | null;
  variant!: string | null;
  platform!: string | null;
  utm!: UtmView;
  isDisabled!: boolean;
  expiresAt!: string | null;
  createdAt!: string;
  updatedAt!: string;
}

export class ResolveLinkDto {
  @IsString() @Length(1, 64) code!: string;
}

/** What the redirect needs of a link; `null` link means no such active code. */
export interface ResolvedLink {
  id: string;
  workspaceId: string;
  /** Destination with UTM parameters already applied (the click id is added per visit). */
  trackedUrl: string;
  productId: string | null;
  postId: string | null;
  targetId: string | null;
  variant: string | null;
  platform: string | null;
  expiresAt: string | null;
}

export interface ResolveLinkReply {
  link: ResolvedLink | null;
}

/** One visit of a short link, built by the gateway; raw IPs are never part of it. */
export interface ClickRecord {
  /** The click id passed to the destination; stored once however often it is delivered. */
  id: string;
  linkId: string;
  workspaceId: string;
  clickedAt: string;
  productId: string | null;
  postId: string | null;
  targetId: string | null;
  variant: string | null;
  platform: string | null;
  country: string | null;
  device: string;
  browser: string | null;
  os: string | null;
  referrerDomain: string | null;
  isBot: boolean;
  /** HMAC of IP + user agent with a salt that rotates daily. */
  visitorHash: string;
}

export interface IngestClicksRequest {
  clicks: ClickRecord[];
}

export interface IngestClicksReply {
  /** Clicks stored by this call (already-stored ids are skipped). */
  stored: number;
}

/** The JetStream stream gateways publish clicks to in distributed mode; kept a week while analytics catches up. */
export const CLICK_STREAM = { name: 'CLICKS', subjectPrefix: 'clicks.', maxAgeSec: 7 * 86400 } as const;

/** Subject of one click: per workspace, so the stream can later be filtered or sharded by workspace. */
export function clickSubject(click: ClickRecord): string {
  return `${CLICK_STREAM.subjectPrefix}${click.workspaceId}`;
}
