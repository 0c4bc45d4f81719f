import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module.js';
import { ConnectionsModule } from '../connections/connections.module.js';
import { MediaModule } from '../media/media.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { PublishingModule } from '../publishing/publishing.module.js';
import { PublishingSettingsModule } from '../settings/publishing-settings.module.js';
import { TargetLinksModule } from '../target-links/target-links.module.js';
import { PostsHandlers } from './posts.handlers.js';
import { PostsRepository } from './posts.repository.js';
import { PostChanges } from './post-changes.js';
import { PostDraftingService } from './post-drafting.service.js';
import { PostReviewService } from './post-review.service.js';
import { PostSchedulingService } from './post-scheduling.service.js';
import { PostViewsService } from './post-views.service.js';

/**
 * Posts: drafting, the review gate, the scheduling decisions a person makes, and their views. Campaign fills,
 * autopilot rules and bulk imports create posts through PostDraftingService.
 */
@Module({
  imports: [
    ConnectionsModule,
    ProvidersModule,
    MediaModule,
    CampaignsModule,
    PublishingSettingsModule,
    PublishingModule,
    MetricsModule,
    TargetLinksModule,
  ],
  controllers: [PostsHandlers],
  providers: [
    PostsRepository,
    PostViewsService,
    PostChanges,
    PostDraftingService,
    PostReviewService,
    PostSchedulingService,
  ],
  exports: [PostDraftingService],
})
export class PostsModule {}
