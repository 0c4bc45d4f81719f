import { Injectable } from '@nestjs/common';
import { VIDEO_FONTS, type VideoBrand, type VideoBrandView, type VideoFontName } from '@app/contracts';
import type { RequestContext } from '@app/messaging';
import type { VideoBrandSettingsEntity } from './video-brand-settings.entity.js';
import { VideoBrandSettingsRepository } from './video-brand-settings.repository.js';
import { DEFAULT_VIDEO_FONT } from './video-overlay.js';

/** The workspace default of video brand colours and font; a video's own brand overrides it field by field. */
@Injectable()
export class VideoBrandSettings {
  constructor(private readonly settings: VideoBrandSettingsRepository) {}

  async get(workspaceId: string): Promise<VideoBrandView> {
    const row = await this.settings.find(workspaceId);
    return toView(row);
  }

  /** Replaces the brand; fields left out return to their defaults (no colours, DejaVu Sans). */
  async put(context: RequestContext, input: VideoBrand): Promise<VideoBrandView> {
    const { workspaceId } = context.principal;
    await this.settings.upsert({
      workspaceId,
      colors: (input.colors ?? []).map((color) => color.toLowerCase()),
      font: input.font ?? null,
    });
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
