import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { MEDIA_PRESETS, type MediaKind, type MediaPresetName } from './media.dto.js';

/** Asked by the platform service: media ids of a post target -> fetchable URLs. */
export const MediaResolveSubjects = {
  resolve: 'content.media.resolve',
} as const;

export class ResolveMediaRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each media id must be a UUID' })
  ids!: string[];

  /** The platform preset to prefer for images (e.g. `story`); the master image otherwise. */
  @IsOptional()
  @IsIn(Object.keys(MEDIA_PRESETS))
  preset?: MediaPresetName;
}

/** One media asset as a publisher needs it: a signed URL that expires at `expiresAt`. */
export interface ResolvedMediaView {
  id: string;
  url: string;
  kind: MediaKind;
  mimeType: string;
  width: number | null;
  height: number | null;
  /** Videos only. */
  durationSec?: number;
  expiresAt: string;
}
