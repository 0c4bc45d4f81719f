import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { EventSubjects } from '@app/contracts';
import { Outbox, systemContext } from '@app/messaging';
import { LOGGER } from '@app/observability';
import { TransactionHost } from '@app/database';
import { postTargetEvent } from '../posts/post.events.js';
import { PublishQueue } from './publish-queue.js';
import { PublishingRepository } from './publishing.repository.js';
import { WorkerIdentity } from './worker-identity.js';

const SWEEP_INTERVAL_MS = 15_000;
const OVERDUE_GRACE_MS = 30_000;

/**
 * Recovery, at start and every 15 s: attempts a dead process left `calling` become `unconfirmed` (never
 * re-posted automatically), and scheduled targets whose job was lost are queued again.
 */
@Injectable()
export class PublishingSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: PublishingRepository,
    private readonly queue: PublishQueue,
    private readonly outbox: Outbox,
    private readonly worker: WorkerIdentity,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep();
    this.timer = setInterval(() => {
      this.running ??= this.sweep().finally(() => (this.running = undefined));
    }, SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async sweep(): Promise<void> {
    try {
      for (const workerId of await this.repository.callingWorkers(this.worker.id)) {
        if (await this.worker.isDead(workerId)) await this.abandon(workerId);
      }
      for (const target of await this.repository.overdueTargets(OVERDUE_GRACE_MS, 1000))
        await this.queue.enqueue({ targetId: target.id, dueAt: target.dueAt });
    } catch (error) {
      this.logger.error({ err: error }, 'Publishing sweep failed');
    }
  }

  private async abandon(workerId: string): Promise<void> {
    const count = await this.tx.run(async () => {
      const targets = await this.repository.abandonAttempts(workerId);
      for (const target of targets) {
        const post = await this.repository.findPost(target.postId);
        if (post)
          await this.outbox.add(
            EventSubjects.postUnconfirmed,
            postTargetEvent(post, target),
            systemContext(post.workspaceId),
          );
      }
      return targets.length;
    });
    this.logger.warn({ workerId, count }, 'Publish attempts of a stopped process marked unconfirmed');
  }
}
