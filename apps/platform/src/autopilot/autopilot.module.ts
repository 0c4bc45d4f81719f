import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module.js';
import { ConnectionsModule } from '../connections/connections.module.js';
import { MediaModule } from '../media/media.module.js';
import { PostsModule } from '../posts/posts.module.js';
import { AutopilotActor } from './autopilot-actor.js';
import { AutopilotEvents } from './autopilot.events.js';
import { AutopilotHandlers } from './autopilot.handlers.js';
import { AutopilotJobs } from './autopilot-jobs.js';
import { AutopilotRepository } from './autopilot.repository.js';
import { AutopilotRulesService } from './autopilot-rules.service.js';
import { AutopilotRunner } from './autopilot-runner.js';

/**
 * Autopilot rules: created and imported products that match a rule get copy and a post in the rule's campaign,
 * made through the posts module as a person's would be. Nothing else depends on it.
 */
@Module({
  imports: [CampaignsModule, ConnectionsModule, PostsModule, MediaModule],
  controllers: [AutopilotHandlers],
  providers: [
    AutopilotRepository,
    AutopilotRulesService,
    AutopilotJobs,
    AutopilotEvents,
    AutopilotActor,
    AutopilotRunner,
  ],
  exports: [],
})
export class AutopilotModule {}
