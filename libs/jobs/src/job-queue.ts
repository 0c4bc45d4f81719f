import { Inject, Optional } from '@nestjs/common';
import type PgBoss from 'pg-boss';
import { TransactionHost } from '@app/database';

/**
 * A named pg-boss queue of one job type: enqueue inside a transaction, run one job at a time. A job queued in
 * this process wakes this process's workers of the queue once it is committed, so it starts at once rather than
 * at their next poll; jobs queued by other processes are found by polling.
 */
export class JobQueue<T extends object> {
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
    if (this.tx) this.tx.afterCommit(() => this.wake());
    else this.wake();
  }

  /**
   * Starts the worker that runs `handle` for each job; a throw fails the job (and retries it if allowed).
   * `onGiveUp`, when given, runs after the throw of the last allowed attempt (no retry follows), so the job's
   * subject can be marked as failed instead of waiting forever; the job still ends failed. After each job
   * the worker fetches the next at once; it sleeps `pollingIntervalSeconds` only when it found none.
   */
  async work(
    handle: (data: T) => Promise<void>,
    pollingIntervalSeconds = 2,
    onGiveUp?: (data: T, error: unknown) => Promise<void>,
  ): Promise<void> {
    await this.ensureQueue();
    const workerId = await this.boss.work<T>(
      this.name,
      { batchSize: 1, pollingIntervalSeconds, includeMetadata: true },
      async ([job]) => {
        try {
          await handle(job.data);
        } catch (error) {
          if (onGiveUp && job.retryCount >= job.retryLimit) await onGiveUp(job.data, error);
          throw error;
        } finally {
          // pg-boss sleeps its polling interval after every fetch unless woken: a backlog (a burst queued at
          // once, jobs queued while this one ran) drains at the speed of the work instead of one job a poll.
          this.wake();
        }
      },
    );
    workersOf(this.boss, this.name).add(workerId);
  }

  /**
   * Lets this process's workers of the queue fetch at once instead of at their next poll. `enqueue` does it
   * itself; call it after making jobs runnable some other way (a retry requeued by SQL).
   */
  wake(): void {
    for (const workerId of workersOf(this.boss, this.name)) this.boss.notifyWorker(workerId);
  }

  private ensureQueue(): Promise<void> {
    this.created ??= createQueueSerially(this.boss, this.name).catch((error: unknown) => {
      this.created = undefined;
      throw error;
    });
    return this.created;
  }
}

/** The workers each pg-boss instance runs, by queue name, whichever JobQueue object started them. */
const workers = new WeakMap<PgBoss, Map<string, Set<string>>>();

function workersOf(boss: PgBoss, name: string): Set<string> {
  let byName = workers.get(boss);
  if (!byName) workers.set(boss, (byName = new Map()));
  let ids = byName.get(name);
  if (!ids) byName.set(name, (ids = new Set()));
  return ids;
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
