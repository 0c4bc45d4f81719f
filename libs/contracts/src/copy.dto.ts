import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
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
import { HTTP_URL } from './validation.js';
import { type Platform, PLATFORMS } from '@app/platform-rules';

/** Request subjects of copy generation, previews and copy settings. */
export const CopySubjects = {
  generate: 'content.copy.generate',
  listForProduct: 'content.copy.list',
  get: 'content.copy.get',
  update: 'content.copy.update',
  preview: 'content.copy.preview',
  getSettings: 'content.copysettings.get',
  updateSettings: 'content.copysettings.update',
} as const;

export const COPY_TONES = ['friendly', 'excited', 'minimal', 'premium'] as const;
export type CopyTone = (typeof COPY_TONES)[number];
/** Languages with templates; the AI is asked to write in the same language. */
export const COPY_LANGUAGES = ['en'] as const;
export type CopyLanguage = (typeof COPY_LANGUAGES)[number];
/** `auto`: AI when configured, templates otherwise or when it fails; `ai`: AI or a 502; `template`: templates. */
export const COPY_MODES = ['auto', 'ai', 'template'] as const;
export type CopyMode = (typeof COPY_MODES)[number];
export type CopySource = 'ai' | 'template';
export const MAX_COPY_VARIANTS = 5;

const platformMessage = `each platform must be one of ${PLATFORMS.join(', ')}`;

export class CopyHashtagOptionsDto {
  /** Most hashtags per post; the platform's own cap still applies. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(30)
  max?: number;

  /** Hashtags to put first (normalised: no spaces or punctuation). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  include?: string[];

  /** Hashtags never to use, compared ignoring case. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  exclude?: string[];
}

export class GenerateCopyDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PLATFORMS.length)
  @ArrayUnique()
  @IsIn(PLATFORMS, { each: true, message: platformMessage })
  platforms!: Platform[];

  /** Variants per platform, 1 to 5 (default 1), for A/B tests. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_COPY_VARIANTS)
  variants?: number;

  @IsOptional()
  @IsIn(COPY_TONES, { message: `tone must be one of ${COPY_TONES.join(', ')}` })
  tone?: CopyTone;

  @IsOptional()
  @IsIn(COPY_LANGUAGES, { message: `language must be one of ${COPY_LANGUAGES.join(', ')}` })
  language?: CopyLanguage;

  /** Your own call to action, used instead of the template's. */
  @IsOptional()
  @IsString()
  @Length(1, 80)
  callToAction?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CopyHashtagOptionsDto)
  hashtags?: CopyHashtagOptionsDto;

  @IsOptional()
  @IsIn(COPY_MODES, { message: `mode must be one of ${COPY_MODES.join(', ')}` })
  mode?: CopyMode;

  /** Same product, options and seed: the same template copy. Default: derived from the product id. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  seed?: number;
}

export class GenerateCopyRequest {
  @IsUUID()
  productId!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => GenerateCopyDto)
  options!: GenerateCopyDto;
}

export class CopyIdParams {
  @IsUUID()
  id!: string;
}

export class CopyItemEditDto {
  @IsIn(PLATFORMS, { message: platformMessage })
  platform!: Platform;

  @IsInt()
  @Min(1)
  @Max(MAX_COPY_VARIANTS)
  variant!: number;

  /** The whole post text as it will be posted; hashtags are read from it. */
  @IsOptional()
  @IsString()
  @Length(1, 70_000)
  text?: string;

  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string;

  @IsOptional()
  @IsString()
  @Length(1, 1000)
  altText?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  tags?: string[];
}

export class UpdateCopyDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PLATFORMS.length * MAX_COPY_VARIANTS)
  @ValidateNested({ each: true })
  @Type(() => CopyItemEditDto)
  items!: CopyItemEditDto[];
}

export class UpdateCopyRequest {
  @IsUUID()
  id!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => UpdateCopyDto)
  patch!: UpdateCopyDto;
}

export class PreviewCopyDto {
  @IsIn(PLATFORMS, { message: `platform must be one of ${PLATFORMS.join(', ')}` })
  platform!: Platform;

  @IsString()
  @Length(1, 70_000)
  text!: string;

  /** A destination to append; it is counted at the length of the tracked short link that replaces it. */
  @IsOptional()
  @IsUrl(HTTP_URL, { message: 'link must be an http or https URL' })
  @MaxLength(2048)
  link?: string;

  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string;

  /** The text is the caption of a photo or video (Telegram allows 1,024 then). */
  @IsOptional()
  @IsBoolean()
  hasMedia?: boolean;
}

export class PlatformDisclosureDto {
  @IsIn(PLATFORMS, { message: platformMessage })
  platform!: Platform;

  @IsString()
  @Length(1, 60)
  disclosure!: string;
}

export class CopySettingsDto {
  /** Added to copy of affiliate products (a commission rate or affiliate link): e.g. `#ad`. */
  @IsString()
  @Length(1, 60)
  defaultDisclosure!: string;

  /** Per-platform wording that replaces the default there. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PLATFORMS.length)
  @ValidateNested({ each: true })
  @Type(() => PlatformDisclosureDto)
  platformDisclosures?: PlatformDisclosureDto[];
}

export class CopyMetricsView {
  /** The text's length as the platform counts it. */
  length!: number;
  limit!: number;
  hashtagCount!: number;
  hashtagLimit!: number | null;
  titleLength?: number;
  titleLimit?: number;
  altTextLength?: number;
  altTextLimit?: number;
  tagCount?: number;
  tagsLength?: number;
}

export class CopyViolationView {
  /** A stable rule name such as `x.text.max` or `etsy.tags.maxLength`. */
  rule!: string;
  field!: string;
  message!: string;
  limit?: number;
  actual?: number;
}

export class CopyItemView {
  platform!: Platform;
  variant!: number;
  title?: string;
  text!: string;
  hashtags!: string[];
  altText?: string;
  tags?: string[];
  /** What the generator had to do (shortened, fell back to templates ...), in words. */
  warnings!: string[];
  metrics!: CopyMetricsView;
  source!: CopySource;
  isEdited!: boolean;
}

export class CopyUsageView {
  promptTokens!: number;
  completionTokens!: number;
}

export class CopySetView {
  id!: string;
  productId!: string;
  /** 1 for a product's first copy set, then 2, 3 ... */
  version!: number;
  mode!: CopyMode;
  tone!: CopyTone;
  language!: CopyLanguage;
  seed!: number;
  items!: CopyItemView[];
  /** Tokens the AI model used for this set; null when no model was called. */
  usage!: CopyUsageView | null;
  createdAt!: string;
  updatedAt!: string;
}

export class CopySetListView {
  /** Newest version first. */
  items!: CopySetView[];
}

export class CopyPreviewView {
  platform!: Platform;
  /** The text as it will be posted, the link replaced by its tracked short form. */
  text!: string;
  metrics!: CopyMetricsView;
  violations!: CopyViolationView[];
}

export class CopySettingsView {
  defaultDisclosure!: string;
  platformDisclosures!: PlatformDisclosureDto[];
  updatedAt!: string | null;
}
