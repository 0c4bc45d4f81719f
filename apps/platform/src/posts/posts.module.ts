import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module.js';
import { ConnectionsModule } from '../connections/connections.module.js';
import { MediaModule } from '../media/media.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { PublishingModule } from '../publishing/publishing.module.js';
import { PublishingSettingsModule } from '../settings/publishing-settings.module.js';
import { PostsHandlers } from './posts.handlers.js';
import { PostsRepository } from './posts.repository.js';
import { PostsService } from './posts.service.js';

/** Posts: creation, the review gate, the state changes a person asks for, and their views. */
@Module({
  imports: [
    ConnectionsModule,
    ProvidersModule,
    MediaModule,
    CampaignsModule,
    PublishingSettingsModule,
    PublishingModule,
    MetricsModule,
  ],
  controllers: [PostsHandlers],
  providers: [PostsRepository, PostsService],
})
export class PostsModule {}
