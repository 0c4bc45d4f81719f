import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { EventSubjects, type PostMetricsSnapshot } from '@app/contracts';
import { Outbox, type RequestContext, systemContext } from '@app/messaging';
import { LOGGER } from '@app/observability';
import { TransactionHost } from '@app/database';
import { ConnectionTokensService } from '../connections/connection-tokens.service.js';
import type { PostEntity, PostTargetEntity } from '../posts/post.entity.js';
import { PublishError } from '../providers/provider.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { type MetricsJob, MetricsJobs } from './metrics-jobs.js';
import { metricsReaderOf } from './metrics-reader.js';
import { PostMetricsRepository } from './post-metrics.repository.js';

const RATE_LIMIT_FALLBACK_MS = 15 * 60_000;

/**
 * Runs one metric reading: the platform's counters of a published target, stored with their
 * platform.metrics.collected event in one transaction. A rate limit queues the reading again after the
 * platform's reset; a connection that needs reconnecting stops the scheduled readings of the target.
 */
@Injectable()
export class MetricsCollector {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: PostMetricsRepository,
    private readonly providers: ProviderRegistry,
    private readonly tokens: ConnectionTokensService,
    private readonly jobs: MetricsJobs,
    private readonly outbox: Outbox,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async collect(job: MetricsJob): Promise<void> {
    const found = await this.repository.findReadable(job.targetId);
    if (!found) return;
    const { target, post } = found;
    const reader = metricsReaderOf(this.providers, target.platform);
    if (!reader) return;
    if (!job.isRefresh && (await this.repository.isPollingStopped(target.id))) return;
    // The reading belongs to the request chain that caused it, where one is known.
    const context = systemContext(post.workspaceId, job.correlationId);
    let snapshot: PostMetricsSnapshot;
    try {
      const credentials = await this.tokens.credentialsFor(context, target.connectionId);
      snapshot = await reader.fetchMetrics(credentials, target.externalId as string);
    } catch (error) {
      return this.onFailure(job, target, error);
    }
    await this.store(context, post, target, snapshot);
  }

  private async store(
    context: RequestContext,
    post: PostEntity,
    target: PostTargetEntity,
    snapshot: PostMetricsSnapshot,
  ) {
    const collectedAt = new Date();
    await this.tx.run(async () => {
      await this.repository.record(target, snapshot, collectedAt);
      await this.outbox.add(
        EventSubjects.metricsCollected,
        {
          postId: post.id,
          targetId: target.id,
          platform: target.platform,
          productId: post.productId,
          // Analytics keeps a variant it learnt elsewhere (the target's tracked link) when the target has none.
          variant: target.variant,
          collectedAt: collectedAt.toISOString(),
          ...snapshot,
        },
        context,
      );
    });
  }

  /** Handled failures end the job; anything else is thrown for pg-boss to retry with backoff. */
  private async onFailure(job: MetricsJob, target: PostTargetEntity, error: unknown): Promise<void> {
    if (!(error instanceof PublishError)) throw error;
    const context = { targetId: target.id, platform: target.platform, errorClass: error.errorClass };
    if (error.errorClass === 'rate_limited') {
      const retryAt = error.retryAt ?? new Date(Date.now() + RATE_LIMIT_FALLBACK_MS);
      await this.jobs.schedule({ ...job, key: `${job.key}@retry-${retryAt.getTime()}` }, retryAt);
      this.logger.info(
        { ...context, retryAt: retryAt.toISOString() },
        'Metrics reading rate-limited; queued again',
      );
      return;
    }
    if (error.errorClass === 'needs_reconnect') {
      await this.repository.stopPolling(target, error.message);
      this.logger.info(context, 'Metrics polling stopped: the connection needs to be reconnected');
      return;
    }
    if (error.errorClass === 'rejected_content') {
      // The platform refused this post's metrics (deleted, not the author's): a retry would get the same answer.
      this.logger.info({ ...context, reason: error.message }, 'Metrics reading refused by the platform');
      return;
    }
    throw error;
  }
}
