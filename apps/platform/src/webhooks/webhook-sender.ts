import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, type WebhookDeliveryStatus } from '@app/contracts';
import { safeFetch, standardWebhookHeaders, TokenCipher } from '@app/security';
import { TransactionHost } from '@app/database';
import { WebhookDeliveryEntity } from './webhook.entity.js';
import { type WebhookDeliveryJob, WebhookDeliveryJobs } from './webhook-delivery-jobs.js';
import { WebhooksRepository } from './webhooks.repository.js';

export const MAX_DELIVERY_ATTEMPTS = 8;
const CALL_TIMEOUT_MS = 10_000;

interface CallOutcome {
  status: WebhookDeliveryStatus;
  responseStatus: number | null;
  error: string | null;
}

/** Runs delivery jobs: POSTs the signed event, logs the attempt, and queues the next one with backoff. */
@Injectable()
export class WebhookSender implements OnApplicationBootstrap {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: WebhooksRepository,
    private readonly jobs: WebhookDeliveryJobs,
    private readonly cipher: TokenCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work((job) => this.deliver(job), 1);
  }

  /** A deleted webhook gets nothing more. */
  async deliver(job: WebhookDeliveryJob): Promise<void> {
    const webhook = await this.repository.findOne(job.workspaceId, job.webhookId);
    if (!webhook) return;
    const payload = JSON.stringify({
      type: job.event.subject,
      timestamp: job.event.occurredAt,
      data: job.event.data,
    });
    const secret = this.cipher.decrypt(webhook.signingSecretEnc, webhook.id);
    const startedAt = performance.now();
    const outcome = await this.call(webhook.url, payload, secret, job.event.id);
    const durationMs = Math.round(performance.now() - startedAt);
    const nextRetryAt = outcome.status === 'retrying' ? this.retryTime(job.attempt) : null;
    if (outcome.status === 'retrying' && !nextRetryAt) outcome.status = 'failed';
    await this.tx.run(async () => {
      await this.repository.recordAttempt(
        Object.assign(new WebhookDeliveryEntity(), {
          id: randomUUID(),
          webhookId: webhook.id,
          workspaceId: webhook.workspaceId,
          eventId: job.event.id,
          event: job.event.subject,
          attempt: job.attempt,
          ...outcome,
          durationMs,
          nextRetryAt,
          attemptedAt: new Date(),
        } satisfies WebhookDeliveryEntity),
      );
      if (nextRetryAt)
        await this.jobs.enqueue({ ...job, attempt: job.attempt + 1 }, { startAfter: nextRetryAt });
    });
  }

  private async call(url: string, payload: string, secret: string, messageId: string): Promise<CallOutcome> {
    const retryOrFail = (responseStatus: number | null, error: string): CallOutcome => ({
      status: 'retrying',
      responseStatus,
      error,
    });
    try {
      const response = await safeFetch(url, {
        allowPrivate: this.config.allowPrivateUrls,
        method: 'POST',
        body: payload,
        timeoutMs: CALL_TIMEOUT_MS,
        maxBytes: 64 * 1024,
        maxRedirects: 0,
        headers: {
          'content-type': 'application/json',
          ...standardWebhookHeaders(secret, messageId, new Date(), payload),
        },
      });
      if (response.status >= 200 && response.status < 300)
        return { status: 'delivered', responseStatus: response.status, error: null };
      return retryOrFail(response.status, `The URL answered HTTP ${response.status}`);
    } catch (error) {
      // A URL that now resolves to a private address will not get better by retrying.
      if (error instanceof DomainError && error.status === 400)
        return { status: 'failed', responseStatus: null, error: error.message };
      return retryOrFail(null, error instanceof Error ? error.message : 'The request failed');
    }
  }

  /** 1x, 2x, 4x ... the base delay after each failure; null once the last attempt has failed. */
  private retryTime(attempt: number): Date | null {
    if (attempt >= MAX_DELIVERY_ATTEMPTS) return null;
    const delaySec = this.config.publishing.webhookRetryBaseSec * 2 ** (attempt - 1);
    return new Date(Date.now() + delaySec * 1000);
  }
}
