import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type {
  VideoBrand,
  VideoFormatName,
  VideoMusic,
  VideoStatus,
  VideoTemplateName,
  VideoTexts,
  VideoWatermark,
} from '@app/contracts';

/** One rendered output of a video, stored as a media asset of kind `video`. */
export interface VideoOutput {
  format: VideoFormatName;
  mediaId: string;
  key: string;
  width: number;
  height: number;
  durationSec: number;
  bytes: number;
  bitrate: number;
}

/** A product video and its render job, as stored in content.videos. */
@Entity({ name: 'videos' })
export class VideoEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ type: 'text' })
  template!: VideoTemplateName;

  @Column({ name: 'duration_sec', type: 'integer' })
  durationSec!: number;

  @Column({ type: 'text', array: true })
  formats!: VideoFormatName[];

  @Column({ name: 'image_ids', type: 'uuid', array: true })
  imageIds!: string[];

  @Column({ type: 'jsonb' })
  texts!: VideoTexts;

  @Column({ type: 'text' })
  status!: VideoStatus;

  @Column({ type: 'integer' })
  progress!: number;

  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason!: string | null;

  @Column({ type: 'jsonb' })
  outputs!: VideoOutput[];

  @Column({ type: 'jsonb', nullable: true })
  music!: VideoMusic | null;

  @Column({ type: 'jsonb', nullable: true })
  watermark!: VideoWatermark | null;

  /** The brand the video was queued with (request over workspace default), resolved at creation. */
  @Column({ type: 'jsonb', nullable: true })
  brand!: VideoBrand | null;

  /** Renders started; one interrupted too often (the process killed each time) fails. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
