import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module.js';
import { PublishingModule } from '../publishing/publishing.module.js';
import { CampaignFillQueue } from './campaign-fill.queue.js';
import { CampaignLifecycleService } from './campaign-lifecycle.service.js';
import { CampaignPostsRepository } from './campaign-posts.repository.js';
import { CampaignSlotsRepository } from './campaign-slots.repository.js';
import { CampaignWinnerService } from './campaign-winner.service.js';
import { CampaignsHandlers } from './campaigns.handlers.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { CampaignsService } from './campaigns.service.js';
import { ProductFactsReader } from './product-facts.reader.js';

/**
 * Campaigns: their posting schedules (posts ask them for a free slot), their banks of copy and products, and
 * their life (pause, resume, complete) and their winning variant. The bank's fill, which drafts posts, reads them through the exports.
 */
@Module({
  imports: [ConnectionsModule, PublishingModule],
  controllers: [CampaignsHandlers],
  providers: [
    CampaignsRepository,
    CampaignSlotsRepository,
    CampaignPostsRepository,
    ProductFactsReader,
    CampaignFillQueue,
    CampaignsService,
    CampaignLifecycleService,
    CampaignWinnerService,
  ],
  exports: [
    CampaignsService,
    CampaignsRepository,
    CampaignSlotsRepository,
    CampaignPostsRepository,
    CampaignLifecycleService,
    CampaignWinnerService,
    ProductFactsReader,
  ],
})
export class CampaignsModule {}
