import { PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsISO4217CurrencyCode,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { type CopyLanguage, type CopyMode, type CopyTone, GenerateCopyDto } from './copy.dto.js';
import { Optional, Trim, TrimUpper } from './validation.js';

/** Request subjects of autopilot rules. */
export const AutopilotSubjects = {
  create: 'platform.autopilotrule.create',
  list: 'platform.autopilotrule.list',
  get: 'platform.autopilotrule.get',
  update: 'platform.autopilotrule.update',
  delete: 'platform.autopilotrule.delete',
  runs: 'platform.autopilotrule.runs',
} as const;

/**
 * Which products a rule takes; every condition given must hold, an empty filter takes every active product.
 * Conditions on a value the product lacks (no price, no cost, no commission rate) do not hold.
 */
export class AutopilotFilterDto {
  /** The product has at least one of these tags (compared ignoring case). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  tags?: string[];

  /** The product's category, compared ignoring case. */
  @Optional()
  @Trim()
  @IsString()
  @Length(1, 100)
  category?: string;

  /** The price band's currency: with it, a product in another currency does not match. */
  @Optional()
  @TrimUpper()
  @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code such as USD or EUR' })
  currency?: string;

  /** Lowest price in minor units (cents), inclusive. */
  @Optional()
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  minPriceMinor?: number;

  /** Highest price in minor units (cents), inclusive. */
  @Optional()
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  maxPriceMinor?: number;

  /** Least margin in percent of the price ((price - cost) / price); products without a cost do not match. */
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  minMarginPercent?: number;

  /** Least affiliate commission rate in percent. */
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  minCommissionRate?: number;
}

/** The copy options a rule writes with; `mode` `ai` skips a product when the AI fails. */
export class AutopilotCopyOptionsDto extends PickType(GenerateCopyDto, [
  'tone',
  'language',
  'mode',
] as const) {}

export class AutopilotCopyOptionsView {
  tone!: CopyTone;
  language!: CopyLanguage;
  mode!: CopyMode;
}

export class CreateAutopilotRuleDto {
  @Trim()
  @IsString()
  @Length(1, 120)
  name!: string;

  /** Default true. A disabled rule takes no products; products created while it is off are not caught up. */
  @Optional()
  @IsBoolean()
  enabled?: boolean;

  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => AutopilotFilterDto)
  filter?: AutopilotFilterDto;

  /** Where each matching product is posted: connections of the campaign, one post target each. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each connectionIds entry must be a UUID' })
  connectionIds!: string[];

  /** The campaign whose next free slot each post takes. */
  @IsUUID('all', { message: 'campaignId must be a UUID' })
  campaignId!: string;

  /** The rule's posts wait for approval before they are scheduled (the workspace setting may require it too). */
  @Optional()
  @IsBoolean()
  requireReview?: boolean;

  /** How its copy is written (tone, language, mode), as for `POST /products/:id/copy`. */
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => AutopilotCopyOptionsDto)
  copy?: AutopilotCopyOptionsDto;
}

export class UpdateAutopilotRuleDto extends PartialType(CreateAutopilotRuleDto) {}

export class UpdateAutopilotRuleRequest extends UpdateAutopilotRuleDto {
  @IsUUID()
  id!: string;
}

export class AutopilotRuleParams {
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

export class AutopilotFilterView {
  tags?: string[];
  category?: string;
  currency?: string;
  minPriceMinor?: number;
  maxPriceMinor?: number;
  minMarginPercent?: number;
  minCommissionRate?: number;
}

/** How many products a rule has seen, by what it did with them. */
export class AutopilotCountsView {
  /** Matched the filter (posted, waiting for review, or skipped). */
  matched!: number;
  /** Scheduled into the campaign. */
  scheduled!: number;
  /** Created, waiting for approval. */
  awaitingReview!: number;
  /** Matched but no post was made: the run says why. */
  skipped!: number;
  /** Seen but did not match the filter. */
  notMatched!: number;
}

export class AutopilotRuleView {
  id!: string;
  name!: string;
  enabled!: boolean;
  filter!: AutopilotFilterView;
  connectionIds!: string[];
  campaignId!: string;
  requireReview!: boolean;
  copy!: AutopilotCopyOptionsView;
  counts!: AutopilotCountsView;
  /** When the rule last did something with a product. */
  lastRunAt!: string | null;
  /** Whose access the rule acts with: its creator's role at the time of each run. */
  createdBy!: string;
  createdAt!: string;
  updatedAt!: string;
}

/** Runs a rule's activity list shows. */
export const AUTOPILOT_RUNS_SHOWN = 100;

export const AUTOPILOT_OUTCOMES = ['scheduled', 'awaiting_review', 'skipped', 'not_matched'] as const;
export type AutopilotOutcome = (typeof AUTOPILOT_OUTCOMES)[number];

/** What one rule did with one product (once per rule and product). */
export class AutopilotRunView {
  id!: string;
  productId!: string;
  productTitle!: string | null;
  outcome!: AutopilotOutcome;
  /** Why it was skipped or did not match, in words. */
  reason!: string | null;
  postId!: string | null;
  /** The slot the post took; null while it waits for review or when none was made. */
  scheduledAt!: string | null;
  /** How many times the rule looked at the product (each creation, import or change); it acts once. */
  looks!: number;
  updatedAt!: string;
}

/** The rule's latest runs (AUTOPILOT_RUNS_SHOWN), newest first. */
export class AutopilotRunListView {
  items!: AutopilotRunView[];
}
