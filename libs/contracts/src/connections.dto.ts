import { PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { HTTP_URL, IgnoresUnknownFields, Optional } from './validation.js';

/** Request subjects of connections and the platform catalogue. */
export const ConnectionSubjects = {
  listPlatforms: 'platform.catalogue.list',
  authorize: 'platform.connection.authorize',
  callback: 'platform.connection.callback',
  create: 'platform.connection.create',
  list: 'platform.connection.list',
  update: 'platform.connection.update',
  delete: 'platform.connection.delete',
  boards: 'platform.connection.boards',
} as const;

export const OAUTH_PLATFORMS = ['x', 'pinterest', 'facebook', 'instagram', 'tiktok'] as const;
export type OAuthPlatform = (typeof OAUTH_PLATFORMS)[number];
export const DIRECT_PLATFORMS = ['webhook', 'manual'] as const;
export type DirectPlatform = (typeof DIRECT_PLATFORMS)[number];
export const CONNECTABLE_PLATFORMS = [...OAUTH_PLATFORMS, ...DIRECT_PLATFORMS] as const;
export type ConnectablePlatform = (typeof CONNECTABLE_PLATFORMS)[number];

export type ConnectionStatus = 'active' | 'needs_reconnect';

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Per-connection safety limits; each platform has defaults, and any field may be overridden. */
export class SafetyLimitsDto {
  /** Posts per rolling 24 hours; null for no cap. */
  @Optional({ nullable: true })
  @IsInt()
  @Min(1)
  @Max(10_000)
  dailyCap?: number | null;

  /** Seconds that must pass between two posts of this account. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86_400)
  minGapSec?: number;

  /** Up to this many random seconds added to each due time, so posts do not look machine-timed. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3_600)
  jitterSec?: number;

  /** Local time (HH:MM, the connection's time zone) when quiet hours start; null for none. */
  @Optional({ nullable: true })
  @Matches(CLOCK, { message: 'quietStart must be HH:MM' })
  quietStart?: string | null;

  /** Local time (HH:MM) when quiet hours end. */
  @Optional({ nullable: true })
  @Matches(CLOCK, { message: 'quietEnd must be HH:MM' })
  quietEnd?: string | null;
}

export class PlatformParams {
  @IsIn(OAUTH_PLATFORMS, {
    message: `platform must be one of ${OAUTH_PLATFORMS.join(', ')} (OAuth platforms)`,
  })
  platform!: OAuthPlatform;
}

export class ConnectionIdParams {
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

/** What the platform appends to the redirect URI; the other parameters platforms add are ignored. */
@IgnoresUnknownFields()
export class OAuthCallbackQuery {
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  code?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  state!: string;

  /** Set by the platform when the user declined. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  error?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  error_description?: string;
}

export class OAuthCallbackRequest extends OAuthCallbackQuery {
  @IsIn(OAUTH_PLATFORMS)
  platform!: OAuthPlatform;
}

export class WebhookConnectionConfigDto {
  /** Where each post is POSTed as signed JSON (Standard Webhooks). */
  @IsUrl(HTTP_URL, { message: 'config.url must be an http or https URL' })
  @MaxLength(2048)
  url!: string;
}

export class CreateConnectionDto {
  @IsIn(DIRECT_PLATFORMS, {
    message: 'platform must be webhook or manual; OAuth platforms connect via authorize',
  })
  platform!: DirectPlatform;

  @IsString()
  @Length(1, 100)
  name!: string;

  /** webhook: `{url}`; manual: nothing. */
  @ValidateIf((dto: CreateConnectionDto) => dto.platform === 'webhook')
  @IsObject()
  @ValidateNested()
  @Type(() => WebhookConnectionConfigDto)
  config?: WebhookConnectionConfigDto;

  /** IANA time zone of the account (quiet hours are in it), e.g. Europe/Paris. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;
}

export class UpdateConnectionDto extends PartialType(
  PickType(CreateConnectionDto, ['name', 'timezone'] as const),
) {
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SafetyLimitsDto)
  limits?: SafetyLimitsDto;
}

export class UpdateConnectionRequest {
  @IsUUID()
  id!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => UpdateConnectionDto)
  patch!: UpdateConnectionDto;
}

// A class (not an interface) so that the OpenAPI document describes it.
export class SafetyLimitsView {
  dailyCap!: number | null;
  minGapSec!: number;
  jitterSec!: number;
  quietStart!: string | null;
  quietEnd!: string | null;
}

export class PlatformView {
  platform!: ConnectablePlatform;
  name!: string;
  /** `oauth` connects through authorize; `direct` through POST /connections. */
  connectWith!: 'oauth' | 'direct';
  /** False when the platform's app credentials are not configured on this server. */
  isConfigured!: boolean;
  capabilities!: { text: boolean; images: boolean; maxImages: number; video: boolean };
  limits!: { maxTextLength: number | null; textCounting: string | null };
  defaultSafetyLimits!: SafetyLimitsView;
}

export class AuthorizeView {
  /** Send the user's browser here. */
  url!: string;
  expiresAt!: string;
}

// A class (not an interface) so that the OpenAPI document describes it.
export class ConnectionView {
  id!: string;
  platform!: ConnectablePlatform;
  name!: string;
  accountId!: string | null;
  accountName!: string | null;
  avatarUrl!: string | null;
  status!: ConnectionStatus;
  statusReason!: string | null;
  /** IANA time zone that schedules of this connection are written in. */
  timezone!: string;
  limits!: SafetyLimitsView;
  /** Webhook: the delivery URL. */
  url!: string | null;
  tokenExpiresAt!: string | null;
  createdAt!: string;
}

/** A board of a connected Pinterest account: the `options.boardId` a post can go to. */
export interface BoardView {
  id: string;
  name: string;
  privacy: 'PUBLIC' | 'PROTECTED' | 'SECRET';
}

/** A new webhook connection: the signing secret is shown here once and never again. */
export class CreatedConnectionView extends ConnectionView {
  signingSecret!: string | null;
}

export interface ConnectionExpiredEvent {
  connectionId: string;
  platform: ConnectablePlatform;
  reason: string;
}

export interface ConnectionCreatedEvent {
  connectionId: string;
  platform: ConnectablePlatform;
  accountId: string | null;
}
