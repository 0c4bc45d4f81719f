import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JOBS, JobQueue, type PgBoss } from '@app/jobs';

export interface MetricsJob {
  targetId: string;
  /** What this reading is for (`<target>@<publishedAt>+<offset>s`, a refresh slot, a rate-limit retry). */
  key: string;
  /** A user asked for it: it runs even where scheduled polling stopped. */
  isRefresh: boolean;
  /** The request chain that caused the reading: the refresh request, or the one that got the post published. */
  correlationId?: string;
}

/**
 * The queue of metric readings. Each job's id is derived from its key, so queuing the same reading twice (a
 * replayed event, a double-clicked refresh) inserts nothing the second time; pg-boss's own singletonKey would
 * only do that in a `short`/`stately` queue or within a singletonSeconds slot. Failures other than the ones
 * the collector handles retry with backoff, a bounded number of times.
 */
@Injectable()
export class MetricsJobs extends JobQueue<MetricsJob> {
  constructor(@Inject(JOBS) boss: PgBoss) {
    super(boss, 'platform-post-metrics', {
      retryLimit: 4,
      retryDelay: 60,
      retryBackoff: true,
      expireInSeconds: 5 * 60,
    });
  }

  /** Queues one reading at `startAfter`, at most once per key. */
  schedule(job: MetricsJob, startAfter: Date): Promise<void> {
    return this.enqueue(job, { id: jobIdOf(job.key), singletonKey: job.key, startAfter });
  }
}

/** A UUID (version-5 layout) that is a pure function of the key. */
export function jobIdOf(key: string): string {
  const hex = createHash('sha256').update(`post-metrics:${key}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
