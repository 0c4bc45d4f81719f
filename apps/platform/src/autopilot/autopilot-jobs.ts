import { Inject, Injectable } from '@nestjs/common';
import { JOBS, JobQueue, type PgBoss } from '@app/jobs';

/** One product for one rule to look at. */
export interface AutopilotJob {
  ruleId: string;
  workspaceId: string;
  productId: string;
  /** The request chain of the event that brought the product (its creation, its import). */
  correlationId: string;
}

/**
 * The queue of products rules have to look at. A job may run twice (a crash, a redelivered event queues
 * another): the (rule, product) key in autopilot_runs makes the second one a no-op. Failures of other services
 * (timeouts, 5xx) retry with backoff; the last one is recorded as the run's skip reason.
 */
@Injectable()
export class AutopilotJobs extends JobQueue<AutopilotJob> {
  constructor(@Inject(JOBS) boss: PgBoss) {
    super(boss, 'platform-autopilot-run', {
      retryLimit: 3,
      retryDelay: 10,
      retryBackoff: true,
      expireInSeconds: 5 * 60,
    });
  }
}
