import { Injectable } from '@nestjs/common';
import { EventSubjects, type PostScheduledEvent } from '@app/contracts';
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
    return this.scheduleMany(context, [{ post, targets, at }]);
  }

  /** schedule() for many posts at once: each connection is read once, the events recorded in one statement. */
  async scheduleMany(
    context: RequestContext,
    posts: ReadonlyArray<{ post: PostEntity; targets: PostTargetEntity[]; at: Date }>,
  ): Promise<DueJob[]> {
    const jobs: DueJob[] = [];
    const events: Array<{ subject: typeof EventSubjects.postScheduled; data: PostScheduledEvent }> = [];
    const jitters = new Map<string, Promise<number>>();
    for (const { post, targets, at } of posts) {
      for (const target of targets) {
        let jitterSec = jitters.get(target.connectionId);
        if (jitterSec === undefined) {
          jitterSec = this.jitterOf(post.workspaceId, target);
          jitters.set(target.connectionId, jitterSec);
        }
        Object.assign(target, {
          status: 'scheduled',
          dueAt: withJitter(at, await jitterSec),
          holdReason: null,
          errorClass: null,
          errorMessage: null,
        });
        if (this.providers.get(target.platform).publishesAutomatically)
          jobs.push({
            targetId: target.id,
            dueAt: target.dueAt as Date,
            correlationId: context.correlationId,
          });
        events.push({ subject: EventSubjects.postScheduled, data: postScheduledEvent(post, target) });
      }
    }
    await this.outbox.addMany(events, context);
    return jobs;
  }

  private async jitterOf(workspaceId: string, target: PostTargetEntity): Promise<number> {
    const connection = await this.connections.findOne(workspaceId, target.connectionId);
    const provider = this.providers.get(target.platform);
    return connection ? effectiveLimits(connection, provider.defaultLimits).jitterSec : 0;
  }
}
