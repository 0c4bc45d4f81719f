import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { type EventEnvelope, EventSubjects, type PostPublishedEvent } from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { MetricsJobs } from './metrics-jobs.js';
import { metricsReaderOf } from './metrics-reader.js';

/**
 * Plans the metric readings of a target when it is published, at the configured offsets after publishing.
 * The jobs are queued in the inbox transaction and keyed by target, publish time and offset, so a
 * redelivered event plans nothing twice while a re-publish gets its own readings.
 */
@Injectable()
export class MetricsScheduleEvents {
  constructor(
    private readonly jobs: MetricsJobs,
    private readonly providers: ProviderRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @OnEvent(EventSubjects.postPublished)
  async onPostPublished(event: EventEnvelope<PostPublishedEvent>): Promise<void> {
    const { targetId, platform, publishedAt } = event.data;
    if (!metricsReaderOf(this.providers, platform)) return;
    const publishedMs = new Date(publishedAt).getTime();
    for (const offsetSec of this.config.publishing.metricsOffsets) {
      const key = `${targetId}@${publishedMs}+${offsetSec}s`;
      await this.jobs.schedule(
        { targetId, key, isRefresh: false, correlationId: event.correlationId },
        new Date(publishedMs + offsetSec * 1000),
      );
    }
  }
}
