import { Inject, Injectable } from '@nestjs/common';
import { JOBS, JobQueue, type PgBoss } from '@app/jobs';

export interface WebhookDeliveryJob {
  webhookId: string;
  workspaceId: string;
  /** 1 for the first try; each failed try queues the next one with its delay. */
  attempt: number;
  event: { id: string; subject: string; occurredAt: string; data: unknown };
}

/**
 * One job per attempt to deliver one event to one webhook. HTTP failures are retried by queueing the next
 * attempt (so each is logged with its time); pg-boss's own retries only cover crashes of the worker itself.
 */
@Injectable()
export class WebhookDeliveryJobs extends JobQueue<WebhookDeliveryJob> {
  constructor(@Inject(JOBS) boss: PgBoss) {
    super(boss, 'platform-webhook-deliver', { retryLimit: 2, retryDelay: 5, retryBackoff: true });
  }
}
