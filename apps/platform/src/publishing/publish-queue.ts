import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { createQueueSerially, JOBS, type PgBoss } from '@app/jobs';

export const PUBLISH_QUEUE = 'publish-target';
const ENQUEUE_CHUNK = 1000;

export interface PublishJob {
  targetId: string;
  /** The request chain that scheduled the target (a person's schedule, approve or retry); none from the sweep. */
  correlationId?: string;
}

/** A publish job to queue for when its target is due. */
export interface DueJob extends PublishJob {
  dueAt: Date;
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

  async enqueue({ targetId, correlationId, dueAt }: DueJob): Promise<void> {
    await this.boss.send(PUBLISH_QUEUE, { targetId, correlationId } satisfies PublishJob, {
      singletonKey: `${targetId}@${dueAt.getTime()}`,
      startAfter: dueAt,
      retryLimit: 0,
    });
  }

  /** Many jobs in a few statements (a bulk import schedules thousands); the same keys and policy as enqueue(). */
  async enqueueAll(jobs: readonly DueJob[]): Promise<void> {
    if (jobs.length === 1) return this.enqueue(jobs[0]);
    for (let start = 0; start < jobs.length; start += ENQUEUE_CHUNK) {
      await this.boss.insert(
        jobs.slice(start, start + ENQUEUE_CHUNK).map(({ targetId, correlationId, dueAt }) => ({
          name: PUBLISH_QUEUE,
          data: { targetId, correlationId } satisfies PublishJob,
          singletonKey: `${targetId}@${dueAt.getTime()}`,
          startAfter: dueAt,
          retryLimit: 0,
        })),
      );
    }
  }
}
