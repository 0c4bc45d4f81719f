import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { createQueueSerially, JOBS, type PgBoss } from '@app/jobs';

export const PUBLISH_QUEUE = 'publish-target';

export interface PublishJob {
  targetId: string;
}

/**
 * One pg-boss job per target and due time, keyed `<targetId>@<dueAt>`: the `short` policy keeps at most one
 * waiting job per key, so scheduling (or the overdue sweep) twice never queues two, while moving a target
 * to an earlier time gets its own job instead of waiting behind the old one. A job only wakes the
 * publisher; the target row decides, so a stale job does nothing.
 */
@Injectable()
export class PublishQueue implements OnModuleInit {
  constructor(@Inject(JOBS) private readonly boss: PgBoss) {}

  async onModuleInit(): Promise<void> {
    await createQueueSerially(this.boss, PUBLISH_QUEUE, { policy: 'short', retryLimit: 0 });
  }

  async enqueue(targetId: string, dueAt: Date): Promise<void> {
    await this.boss.send(PUBLISH_QUEUE, { targetId } satisfies PublishJob, {
      singletonKey: `${targetId}@${dueAt.getTime()}`,
      startAfter: dueAt,
      retryLimit: 0,
    });
  }

  async enqueueAll(jobs: ReadonlyArray<{ targetId: string; dueAt: Date }>): Promise<void> {
    for (const job of jobs) await this.enqueue(job.targetId, job.dueAt);
  }
}
