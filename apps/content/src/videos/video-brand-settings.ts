import { Injectable } from '@nestjs/common';
import { Column, DataSource, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { VIDEO_FONTS, type VideoBrand, type VideoBrandView, type VideoFontName } from '@app/contracts';
import type { RequestContext } from '@app/messaging';
import { DEFAULT_VIDEO_FONT } from './video-overlay.js';

/** A workspace's video brand, as stored in content.video_brand_settings. */
@Entity({ name: 'video_brand_settings' })
export class VideoBrandSettingsEntity {
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'text', array: true })
  colors!: string[];

  @Column({ type: 'text', nullable: true })
  font!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}

/** The workspace default of video brand colours and font; a video's own brand overrides it field by field. */
@Injectable()
export class VideoBrandSettings {
  constructor(private readonly dataSource: DataSource) {}

  async get(workspaceId: string): Promise<VideoBrandView> {
    const row = await this.dataSource.manager.findOneBy(VideoBrandSettingsEntity, { workspaceId });
    return toView(row);
  }

  /** Replaces the brand; fields left out return to their defaults (no colours, DejaVu Sans). */
  async put(context: RequestContext, input: VideoBrand): Promise<VideoBrandView> {
    const { workspaceId } = context.principal;
    await this.dataSource.manager.upsert(
      VideoBrandSettingsEntity,
      {
        workspaceId,
        colors: (input.colors ?? []).map((color) => color.toLowerCase()),
        font: input.font ?? null,
      },
      ['workspaceId'],
    );
    return this.get(workspaceId);
  }

  /** The brand a new video renders with: the request's fields over the workspace's. */
  async resolve(workspaceId: string, requested: VideoBrand | undefined): Promise<VideoBrand> {
    const saved = await this.get(workspaceId);
    const colors = requested?.colors ?? saved.colors;
    return { colors: colors.map((color) => color.toLowerCase()), font: requested?.font ?? saved.font };
  }
}

function toView(row: VideoBrandSettingsEntity | null): VideoBrandView {
  const font = VIDEO_FONTS.find((name) => name === row?.font) ?? (DEFAULT_VIDEO_FONT as VideoFontName);
  return { colors: row?.colors ?? [], font };
}
