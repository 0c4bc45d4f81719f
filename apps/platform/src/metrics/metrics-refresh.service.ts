import { Injectable } from '@nestjs/common';
import { ConflictError, type MetricsRefreshView, NotFoundError } from '@app/contracts';
import type { RequestContext } from '@app/messaging';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { MetricsJobs } from './metrics-jobs.js';
import { metricsReaderOf } from './metrics-reader.js';
import { PostMetricsRepository } from './post-metrics.repository.js';

/** Refreshes started within this window share one reading, so repeated clicks cost one platform call. */
const REFRESH_SLOT_MS = 10_000;

/** A user's request to read a post's metrics now, for each of its published targets. */
@Injectable()
export class MetricsRefreshService {
  constructor(
    private readonly repository: PostMetricsRepository,
    private readonly providers: ProviderRegistry,
    private readonly jobs: MetricsJobs,
  ) {}

  async refresh(context: RequestContext, postId: string): Promise<MetricsRefreshView> {
    const targets = await this.repository.targetsOfPost(context.principal.workspaceId, postId);
    if (!targets) throw new NotFoundError('Post');
    const readable = targets.filter(
      (target) =>
        target.status === 'published' &&
        target.externalId !== null &&
        metricsReaderOf(this.providers, target.platform) !== null,
    );
    if (readable.length === 0)
      throw new ConflictError('The post has no published target on a platform that reports metrics');
    const slot = Math.floor(Date.now() / REFRESH_SLOT_MS);
    const now = new Date();
    for (const target of readable)
      await this.jobs.schedule(
        {
          targetId: target.id,
          key: `${target.id}@refresh-${slot}`,
          isRefresh: true,
          correlationId: context.correlationId,
        },
        now,
      );
    return { queuedTargetIds: readable.map((target) => target.id) };
  }
}
