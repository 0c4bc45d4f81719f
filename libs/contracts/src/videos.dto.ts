import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsNumber,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** Request subjects of product videos. */
export const VideoSubjects = {
  create: 'content.video.create',
  listForProduct: 'content.video.list',
  get: 'content.video.get',
  delete: 'content.video.delete',
  getBrand: 'content.videobrand.get',
  updateBrand: 'content.videobrand.update',
} as const;

export const VIDEO_TEMPLATES = ['showcase', 'carousel', 'price_drop'] as const;
export type VideoTemplateName = (typeof VIDEO_TEMPLATES)[number];
export const VIDEO_FORMATS = ['story_1080x1920', 'x_720x1280', 'square_1080x1080'] as const;
export type VideoFormatName = (typeof VIDEO_FORMATS)[number];
export const VIDEO_STATUSES = ['queued', 'rendering', 'ready', 'failed'] as const;
export type VideoStatus = (typeof VIDEO_STATUSES)[number];

export class VideoTexts {
  @IsOptional()
  @IsString()
  @MaxLength(120)
  headline?: string;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  price?: string;

  /** Shown struck through next to the price by the `price_drop` template. */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  oldPrice?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  cta?: string;
}

/** Fonts a video may use: families installed with Debian's fonts-dejavu-core (`fc-list : family`). */
export const VIDEO_FONTS = ['DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Mono'] as const;
export type VideoFontName = (typeof VIDEO_FONTS)[number];
/** Corners of the product image area inside the safe zone (between the headline and the price). */
export const WATERMARK_POSITIONS = ['top_left', 'top_right', 'bottom_left', 'bottom_right'] as const;
export type WatermarkPosition = (typeof WATERMARK_POSITIONS)[number];

export class VideoMusic {
  /** A ready media asset of kind `audio` of the same product. */
  @IsUUID()
  mediaId!: string;

  /** 0..1; 0.3 by default. */
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  volume?: number;
}

export class VideoWatermark {
  /** A ready image media asset of the same product (a logo; transparency is kept). */
  @IsUUID()
  mediaId!: string;

  /** `top_right` by default. */
  @IsOptional()
  @IsIn(WATERMARK_POSITIONS)
  position?: WatermarkPosition;
}

export class VideoBrand {
  /** Background gradient colours, `#rrggbb`, top to bottom; without them the background is the blurred image. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @Matches(/^#[0-9a-fA-F]{6}$/, { each: true, message: 'each colour must be #rrggbb' })
  colors?: string[];

  @IsOptional()
  @IsIn(VIDEO_FONTS, { message: `font must be one of: ${VIDEO_FONTS.join(', ')}` })
  font?: VideoFontName;
}

/** The workspace's video brand: the default of every video that names no brand of its own. */
export class VideoBrandView {
  /** Empty: the background is the blurred product image. */
  colors!: string[];
  font!: VideoFontName;
}

export class CreateVideoDto {
  /** showcase (one image, slow zoom), carousel (several images, cross-fades), price_drop (old and new price). */
  @IsOptional()
  @IsIn(VIDEO_TEMPLATES)
  template?: VideoTemplateName;

  /** 6 to 60 seconds; 15 by default. */
  @IsOptional()
  @IsInt()
  @Min(6)
  @Max(60)
  durationSec?: number;

  /** Ready images of the product, in order; by default its images in their order. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  imageIds?: string[];

  /** Text layers; the headline defaults to the product title. */
  @IsOptional()
  @ValidateNested()
  @Type(() => VideoTexts)
  texts?: VideoTexts;

  /** Output formats; `story_1080x1920` by default. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(VIDEO_FORMATS, { each: true })
  formats?: VideoFormatName[];

  /** Background music mixed under the video (fades in and out); a silent track when absent. */
  @IsOptional()
  @ValidateNested()
  @Type(() => VideoMusic)
  music?: VideoMusic;

  /** A logo drawn at 70% opacity. */
  @IsOptional()
  @ValidateNested()
  @Type(() => VideoWatermark)
  watermark?: VideoWatermark;

  /** Overrides the workspace's brand (GET/PUT /api/v1/settings/brand) for this video. */
  @IsOptional()
  @ValidateNested()
  @Type(() => VideoBrand)
  brand?: VideoBrand;
}

export class CreateVideoRequest extends CreateVideoDto {
  @IsUUID()
  productId!: string;
}

export class ProductVideosParams {
  @IsUUID()
  productId!: string;
}

export class VideoIdParams {
  @IsUUID()
  id!: string;
}

export class VideoOutputView {
  format!: VideoFormatName;
  /** The media asset (kind `video`) holding this output; usable by posts. */
  mediaId!: string;
  /** Signed, expiring URL. */
  url!: string;
  width!: number;
  height!: number;
  durationSec!: number;
  bytes!: number;
  /** Overall bitrate in bits per second, as ffprobe measured it. */
  bitrate!: number;
}

export class VideoView {
  id!: string;
  productId!: string;
  template!: VideoTemplateName;
  durationSec!: number;
  formats!: VideoFormatName[];
  status!: VideoStatus;
  /** 0..100 while rendering. */
  progress!: number;
  /** Why rendering failed, when it did. */
  failureReason!: string | null;
  outputs!: VideoOutputView[];
  music!: VideoMusic | null;
  watermark!: VideoWatermark | null;
  /** The brand it renders with: the request's, else the workspace's at creation. */
  brand!: VideoBrand | null;
  createdAt!: string;
  updatedAt!: string;
}

/** Payload of content.video.rendered: the video is ready with its outputs, or failed with a reason. */
export interface VideoRenderedEvent {
  videoId: string;
  productId: string;
  status: 'ready' | 'failed';
  failureReason: string | null;
  outputs: Array<Omit<VideoOutputView, 'url'> & { key: string }>;
}
