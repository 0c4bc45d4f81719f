import { Inject, Optional } from '@nestjs/common';
import type PgBoss from 'pg-boss';
import { TransactionHost } from '@app/database';

/** A named pg-boss queue of one job type: enqueue inside a transaction, run one job at a time, wake on demand. */
export class JobQueue<T extends object> {
  private workerId: string | undefined;
  private created: Promise<void> | undefined;
  // A property, so each queue's constructor stays `(boss)`; absent where a queue runs without a database module.
  @Optional() @Inject(TransactionHost) private readonly tx?: TransactionHost;

  constructor(
    private readonly boss: PgBoss,
    readonly name: string,
    private readonly sendOptions: PgBoss.SendOptions = {},
  ) {}

  /**
   * Queues a job in the ambient transaction, so the job exists exactly when the change does; outside any
   * transaction it is queued at once.
   */
  async enqueue(data: T, options: PgBoss.SendOptions = {}): Promise<void> {
    await this.ensureQueue();
    const manager = this.tx?.isActive ? this.tx.manager : undefined;
    const db = manager && {
      executeSql: async (text: string, values: unknown[]) => ({ rows: await manager.query(text, values) }),
    };
    await this.boss.send(this.name, data, { ...this.sendOptions, ...options, ...(db ? { db } : {}) });
  }

  /**
   * Starts the worker that runs `handle` for each job; a throw fails the job (and retries it if allowed).
   * `onGiveUp`, when given, runs after the throw of the last allowed attempt (no retry follows), so the job's
   * subject can be marked as failed instead of waiting forever; the job still ends failed.
   */
  async work(
    handle: (data: T) => Promise<void>,
    pollingIntervalSeconds = 2,
    onGiveUp?: (data: T, error: unknown) => Promise<void>,
  ): Promise<void> {
    await this.ensureQueue();
    this.workerId = await this.boss.work<T>(
      this.name,
      { batchSize: 1, pollingIntervalSeconds, includeMetadata: true },
      async ([job]) => {
        try {
          await handle(job.data);
        } catch (error) {
          if (onGiveUp && job.retryCount >= job.retryLimit) await onGiveUp(job.data, error);
          throw error;
        }
      },
    );
  }

  /** Lets this process's worker fetch at once instead of at its next poll (after a commit that queued a job). */
  wake(): void {
    if (this.workerId) this.boss.notifyWorker(this.workerId);
  }

  private ensureQueue(): Promise<void> {
    this.created ??= createQueueSerially(this.boss, this.name).catch((error: unknown) => {
      this.created = undefined;
      throw error;
    });
    return this.created;
  }
}

const creations = new WeakMap<PgBoss, Promise<unknown>>();
const DEADLOCK = '40P01';

/**
 * pg-boss 10's createQueue creates a partition per queue; two at once on one database can deadlock. Queues of
 * one instance are created one after another, and a deadlock with another process is retried.
 */
export function createQueueSerially(
  boss: PgBoss,
  name: string,
  options?: Omit<PgBoss.Queue, 'name'>,
): Promise<void> {
  const create = async () => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await boss.createQueue(name, options ? { ...options, name } : undefined);
      } catch (error) {
        if ((error as { code?: string }).code !== DEADLOCK || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  };
  const next = (creations.get(boss) ?? Promise.resolve()).then(create, create);
  creations.set(
    boss,
    next.catch(() => undefined),
  );
  return next;
}
