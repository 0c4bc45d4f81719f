import { Module } from '@nestjs/common';
import { PublishingSettingsHandlers } from './publishing-settings.handlers.js';
import { PublishingSettingsRepository } from './publishing-settings.repository.js';
import { PublishingSettingsService } from './publishing-settings.service.js';

/** The workspace's publishing settings; posts read whether review is required. */
@Module({
  controllers: [PublishingSettingsHandlers],
  providers: [PublishingSettingsRepository, PublishingSettingsService],
  exports: [PublishingSettingsService],
})
export class PublishingSettingsModule {}
