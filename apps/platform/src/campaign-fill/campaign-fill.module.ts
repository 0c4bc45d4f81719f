import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module.js';
import { ConnectionsModule } from '../connections/connections.module.js';
import { MediaModule } from '../media/media.module.js';
import { PostsModule } from '../posts/posts.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { CampaignFillWorker } from './campaign-fill.worker.js';
import { CampaignFiller } from './campaign-filler.js';
import { WinnerPicker } from './winner-picker.js';

/**
 * The banks' fill: campaigns with templates and products draft their own posts into their free slots, ahead
 * of time, and those with `autoWinner` switch to their winning variant. A module of its own because it drafts
 * through posts, which in turn ask campaigns for slots.
 */
@Module({
  imports: [CampaignsModule, PostsModule, ConnectionsModule, ProvidersModule, MediaModule],
  providers: [CampaignFiller, WinnerPicker, CampaignFillWorker],
})
export class CampaignFillModule {}
