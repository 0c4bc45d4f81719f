import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Optional, Trim } from './validation.js';

/** Request subjects of campaigns. */
export const CampaignSubjects = {
  create: 'platform.campaign.create',
  list: 'platform.campaign.list',
  get: 'platform.campaign.get',
  update: 'platform.campaign.update',
  delete: 'platform.campaign.delete',
  pause: 'platform.campaign.pause',
  resume: 'platform.campaign.resume',
  complete: 'platform.campaign.complete',
  undoWinner: 'platform.campaign.winner.undo',
} as const;

/** `active` fills and publishes its slots; `paused` holds them; `completed` is over (its history stays). */
export const CAMPAIGN_STATUSES = ['active', 'paused', 'completed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** When every template has gone out with every product on a connection: start over, or stop there. */
export const WHEN_BANK_USED_UP = ['repeat', 'stop'] as const;
export type WhenBankUsedUp = (typeof WHEN_BANK_USED_UP)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** When a campaign posts: on these days, at these local times, in this IANA time zone. */
export class CampaignScheduleDto {
  /** IANA time zone, e.g. Europe/Paris; slots follow its daylight-saving changes. */
  @IsString()
  @MaxLength(64)
  timezone!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsIn(WEEKDAYS, { each: true, message: 'each day must be one of mon, tue, wed, thu, fri, sat, sun' })
  days!: Weekday[];

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(24)
  @ArrayUnique()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { each: true, message: 'each time must be HH:MM (24 h)' })
  times!: string[];
}

/** One copy variant of a campaign's bank. */
export class CampaignTemplateDto {
  /** The label its posts carry on their targets (`variant`), e.g. `A` or `short`; unique in the campaign. */
  @Trim()
  @IsString()
  @Length(1, 40)
  variant!: string;

  /** The copy; `{title}`, `{price}` and `{link}` are filled from the product, nothing else is evaluated. */
  @IsString()
  @Length(1, 5000)
  text!: string;
}

/** The campaign picks its bank's winning variant by itself once the evidence is in. */
export class AutoWinnerDto {
  /**
   * Trials every variant needs before a winner may be named: impressions when every variant has them (CTR),
   * else clicks (conversion rate).
   */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  minTrialsPerVariant!: number;
}

export class CreateCampaignDto {
  @IsString()
  @Length(1, 120)
  name!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  tags?: string[];

  /** The connections the campaign posts to; a campaign post may target only these. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each connectionIds entry must be a UUID' })
  connectionIds!: string[];

  @ValidateNested()
  @Type(() => CampaignScheduleDto)
  schedule!: CampaignScheduleDto;

  /** No slot after this time is filled or offered; once it passes, the campaign completes. `null` clears it. */
  @Optional({ nullable: true })
  @IsDateString({ strict: true }, { message: 'endsAt must be an ISO 8601 date-time' })
  endsAt?: string | null;

  /** The copy bank: with `productIds`, the campaign fills its own slots by rotation. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CampaignTemplateDto)
  templates?: CampaignTemplateDto[];

  /** Catalog products the bank's posts promote, in rotation order. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each productIds entry must be a product id (UUID)' })
  productIds?: string[];

  /** How far ahead the bank keeps the slots filled, in days (default 7). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  fillAheadDays?: number;

  /** The least time between two posts of one product on one connection, in hours (default 24). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2160)
  minGapHours?: number;

  /** `repeat` (default) goes round the bank again; `stop` ends the campaign once the bank is used up. */
  @IsOptional()
  @IsIn(WHEN_BANK_USED_UP)
  whenBankUsedUp?: WhenBankUsedUp;

  /**
   * With two or more templates: once one variant is best with probability ≥ 0.95 and every variant has
   * `minTrialsPerVariant` trials, the bank's later slots use that variant only. `null` turns it off.
   */
  @Optional({ nullable: true })
  @ValidateNested()
  @Type(() => AutoWinnerDto)
  autoWinner?: AutoWinnerDto | null;
}

export class UpdateCampaignDto extends PartialType(CreateCampaignDto) {}

export class UpdateCampaignRequest extends UpdateCampaignDto {
  @IsUUID()
  id!: string;
}

export class CampaignParams {
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

export class CampaignScheduleView {
  timezone!: string;
  days!: Weekday[];
  times!: string[];
}

export class CampaignTemplateView {
  variant!: string;
  text!: string;
}

export class AutoWinnerView {
  minTrialsPerVariant!: number;
}

export class WinnerVariantView {
  variant!: string;
  /** Impressions (metric `ctr`) or clicks (metric `conversion_rate`) when the winner was named. */
  trials!: number;
  /** Clicks (`ctr`) or sales (`conversion_rate`) out of those trials. */
  successes!: number;
  probabilityToBeBest!: number;
}

/** The variant the campaign switched its bank to, when and why; kept after an undo, with who undid it. */
export class CampaignWinnerView {
  variant!: string;
  decidedAt!: string;
  metric!: 'ctr' | 'conversion_rate';
  probabilityToBeBest!: number;
  /** The gate it passed: trials every variant had to have. */
  minTrialsPerVariant!: number;
  /** In words, e.g. `"B" is best with probability 97.1 % on click-through rate, every variant past 1,000 impressions`. */
  reason!: string;
  variants!: WinnerVariantView[];
  /** When the bank went back to rotating every variant; null while the winner holds. */
  undoneAt!: string | null;
  /** The user who undid it (by undoing it, or by removing its template from the bank). */
  undoneBy!: string | null;
  undoReason!: string | null;
}

export class CampaignView {
  id!: string;
  name!: string;
  tags!: string[];
  connectionIds!: string[];
  schedule!: CampaignScheduleView;
  status!: CampaignStatus;
  endsAt!: string | null;
  templates!: CampaignTemplateView[];
  productIds!: string[];
  fillAheadDays!: number;
  minGapHours!: number;
  whenBankUsedUp!: WhenBankUsedUp;
  /** How far ahead the bank has filled the slots, as of its last fill; null before the first. */
  filledUntil!: string | null;
  /** With `whenBankUsedUp: stop`: when every template had gone out with every product; the campaign then ends. */
  bankUsedUpAt!: string | null;
  /** The next slot no post of the campaign takes yet, on any of its connections; null unless active. */
  nextFreeSlotAt!: string | null;
  autoWinner!: AutoWinnerView | null;
  /** The last winner the campaign named; while it holds (`undoneAt` null), the bank posts its variant only. */
  winner!: CampaignWinnerView | null;
  createdAt!: string;
  updatedAt!: string;
}
