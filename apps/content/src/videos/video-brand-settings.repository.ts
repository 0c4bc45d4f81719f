import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@app/database';
import { VideoBrandSettingsEntity } from './video-brand-settings.entity.js';

/** Every query on content.video_brand_settings; one row per workspace. */
@Injectable()
export class VideoBrandSettingsRepository {
  constructor(private readonly tx: TransactionHost) {}

  find(workspaceId: string): Promise<VideoBrandSettingsEntity | null> {
    return this.tx.manager.findOneBy(VideoBrandSettingsEntity, { workspaceId });
  }

  async upsert(settings: Pick<VideoBrandSettingsEntity, 'workspaceId' | 'colors' | 'font'>): Promise<void> {
    await this.tx.manager.upsert(VideoBrandSettingsEntity, settings, ['workspaceId']);
  }
}
