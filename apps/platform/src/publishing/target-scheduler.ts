import { Injectable } from '@nestjs/common';
import { EventSubjects } from '@app/contracts';
import { Outbox, type RequestContext } from '@app/messaging';
import { effectiveLimits } from '../connections/connection.mapper.js';
import { ConnectionsReader } from '../connections/connections.reader.js';
import type { PostEntity, PostTargetEntity } from '../posts/post.entity.js';
import { postScheduledEvent } from '../posts/post.events.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import type { DueJob } from './publish-queue.js';
import { withJitter } from './safety-limits.js';

/** Moves targets to `scheduled` with their due time (plus the connection's jitter) and records the events. */
@Injectable()
export class TargetScheduler {
  constructor(
    private readonly connections: ConnectionsReader,
    private readonly providers: ProviderRegistry,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Returns the jobs to enqueue once the transaction commits (manual targets get none); they carry the
   * request's correlation id, so what the publisher records later belongs to the same chain.
   */
  async schedule(
    context: RequestContext,
    post: PostEntity,
    targets: PostTargetEntity[],
    at: Date,
  ): Promise<DueJob[]> {
    const jobs: DueJob[] = [];
    for (const target of targets) {
      const connection = await this.connections.findOne(post.workspaceId, target.connectionId);
      const provider = this.providers.get(target.platform);
      const jitterSec = connection ? effectiveLimits(connection, provider.defaultLimits).jitterSec : 0;
      Object.assign(target, {
        status: 'scheduled',
        dueAt: withJitter(at, jitterSec),
        holdReason: null,
        errorClass: null,
        errorMessage: null,
      });
      if (provider.publishesAutomatically)
        jobs.push({ targetId: target.id, dueAt: target.dueAt as Date, correlationId: context.correlationId });
      await this.outbox.add(EventSubjects.postScheduled, postScheduledEvent(post, target), context);
    }
    return jobs;
  }
}
