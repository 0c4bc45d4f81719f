import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { HTTP_URL } from './validation.js';

/** Request subjects of the media pipeline. */
export const MediaSubjects = {
  createFromUpload: 'content.media.create',
  createFromUrl: 'content.media.fetch',
  listForProduct: 'content.media.list',
  get: 'content.media.get',
  delete: 'content.media.delete',
  reorder: 'content.media.reorder',
  /** A direct upload: a presigned URL for a file of a declared size (S3 storage only). */
  createUpload: 'content.upload.create',
  /** Takes the file PUT to a direct upload's URL, if its size is the declared one, like an upload. */
  completeUpload: 'content.upload.complete',
} as const;

/** `audio` (MP3, AAC, M4A, WAV, OGG) is stored as uploaded, without variants: background music of videos. */
export const MEDIA_KINDS = ['image', 'video', 'audio'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];
export const MEDIA_STATUSES = ['processing', 'ready', 'failed'] as const;
export type MediaStatus = (typeof MEDIA_STATUSES)[number];

/** Platform presets every image gets, with their exact output size. */
export const MEDIA_PRESETS = {
  story: { width: 1080, height: 1920 },
  portrait: { width: 1080, height: 1350 },
  square: { width: 1080, height: 1080 },
  pin: { width: 1000, height: 1500 },
  landscape: { width: 1200, height: 675 },
  marketplace: { width: 2000, height: 2000 },
} as const;
export type MediaPresetName = keyof typeof MEDIA_PRESETS;
export type MediaVariantName = 'master' | 'thumbnail' | MediaPresetName;

/** Sent by the gateway once an upload is in storage under `uploads/<workspaceId>/...`. */
export class CreateMediaFromUploadRequest {
  @IsUUID()
  productId!: string;

  @IsString()
  @MaxLength(300)
  @Matches(/^uploads\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/, {
    message: 'uploadKey is not an upload of this gateway',
  })
  uploadKey!: string;
}

export class MediaFromUrlDto {
  /** An http(s) image URL; private and loopback addresses are refused. */
  @IsUrl(HTTP_URL)
  @MaxLength(2048)
  url!: string;
}

export class CreateMediaFromUrlRequest extends MediaFromUrlDto {
  @IsUUID()
  productId!: string;
}

export class ProductMediaParams {
  @IsUUID()
  productId!: string;
}

export class MediaIdParams {
  @IsUUID()
  id!: string;
}

export class ReorderMediaDto {
  /** The product's media ids in the new order; the first is the primary image. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  mediaIds!: string[];
}

export class ReorderMediaRequest extends ReorderMediaDto {
  @IsUUID()
  productId!: string;
}

export class UploadIdParams {
  @IsUUID()
  id!: string;
}

export class CompleteUploadDto {
  /** The product the uploaded file belongs to. */
  @IsUUID()
  productId!: string;
}

export class CompleteUploadRequest extends CompleteUploadDto {
  @IsUUID()
  uploadId!: string;
}

export class CreateDirectUploadDto {
  /** The exact size in bytes of the file that will be PUT, at most the media limit (`maxBytes`). */
  @IsInt({ message: 'bytes must be the size of the file in bytes' })
  @Min(1, { message: 'bytes must be at least 1' })
  bytes!: number;
}

export class DirectUploadView {
  /** Pass to `POST /api/v1/media/uploads/:id/complete` once the file is PUT. */
  uploadId!: string;
  /** PUT the file's bytes here (no auth header); it expires at expiresAt. */
  uploadUrl!: string;
  expiresAt!: string;
  /** The declared size: a stored file of any other size is refused and removed when the upload is completed. */
  bytes!: number;
  /** The media limit the declared size was checked against. */
  maxBytes!: number;
}

export class MediaVariantView {
  name!: MediaVariantName;
  width!: number;
  height!: number;
  bytes!: number;
  /** jpeg, webp or png */
  format!: string;
  /** Signed, expiring URL. */
  url!: string;
}

export class MediaAssetView {
  id!: string;
  productId!: string;
  kind!: MediaKind;
  status!: MediaStatus;
  /** Why processing failed, when it did. */
  failureReason!: string | null;
  mimeType!: string;
  bytes!: number;
  width!: number | null;
  height!: number | null;
  /** 0 is the primary image. */
  position!: number;
  isPrimary!: boolean;
  /** Signed, expiring URL of the original as uploaded. */
  originalUrl!: string;
  variants!: MediaVariantView[];
  createdAt!: string;
  updatedAt!: string;
}

/** Payload of content.media.processed: the asset is ready (with its variants) or failed (with a reason). */
export interface MediaProcessedEvent {
  mediaId: string;
  productId: string;
  status: Exclude<MediaStatus, 'processing'>;
  failureReason: string | null;
  variants: Array<Omit<MediaVariantView, 'url'> & { key: string }>;
}
