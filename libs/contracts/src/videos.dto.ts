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
  IsUUID,
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
