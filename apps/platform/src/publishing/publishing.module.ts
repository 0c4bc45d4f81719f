import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module.js';
import { MediaModule } from '../media/media.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { TargetLinksModule } from '../target-links/target-links.module.js';
import { PublishQueue } from './publish-queue.js';
import { PublishWorker } from './publish-worker.js';
import { Publisher } from './publisher.js';
import { PublishingRepository } from './publishing.repository.js';
import { PublishingSweep } from './publishing-sweep.js';
import { TargetScheduler } from './target-scheduler.js';
import { WorkerIdentity } from './worker-identity.js';

/**
 * Publishing due targets exactly once, under the safety limits, and recovering what a dead process left.
 * Posts schedule targets with TargetScheduler and queue their jobs with PublishQueue.
 */
@Module({
  imports: [ConnectionsModule, ProvidersModule, MediaModule, TargetLinksModule],
  providers: [
    PublishingRepository,
    PublishQueue,
    TargetScheduler,
    WorkerIdentity,
    Publisher,
    PublishWorker,
    PublishingSweep,
  ],
  exports: [TargetScheduler, PublishQueue],
})
export class PublishingModule {}
