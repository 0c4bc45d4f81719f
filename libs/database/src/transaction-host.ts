import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The ambient transaction of one service's DataSource. A service wraps a unit of work in `run`;
 * repositories read `manager` and so write in that unit's transaction without being handed it.
 * Each host has its own storage, so services sharing a process (standalone) never see each other's.
 */
@Injectable()
export class TransactionHost {
  private readonly current = new AsyncLocalStorage<EntityManager>();
  private running = 0;
  /** What each open transaction runs once it has committed. */
  private readonly onCommit = new WeakMap<EntityManager, Array<() => void>>();

  constructor(private readonly dataSource: DataSource) {}

  /** The current transaction's EntityManager, or the DataSource's own (autocommit) outside one. */
  get manager(): EntityManager {
    return this.open() ?? this.dataSource.manager;
  }

  /** Whether the caller runs inside a transaction opened by `run`. */
  get isActive(): boolean {
    return this.open()?.queryRunner?.isTransactionActive === true;
  }

  /**
   * Runs `work` in a transaction: joins the current one, or opens one that commits when `work`
   * resolves and rolls back when it throws.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.open()) return work();
    this.running += 1;
    const committed: Array<() => void> = [];
    try {
      const result = await this.dataSource.transaction((manager) => {
        this.onCommit.set(manager, committed);
        return this.current.run(manager, work);
      });
      for (const callback of committed) callback();
      return result;
    } finally {
      this.running -= 1;
      // On Node 20 an enabled AsyncLocalStorage hooks every promise the process creates; between
      // transactions nothing needs it, so hot loops (a catalog import's parsing) do not pay for it.
      if (this.running === 0) this.current.disable();
    }
  }

  /**
   * Runs `callback` once the current transaction has committed (never if it rolls back), or at once outside
   * one: for telling others about a change only when they can see it. It must not throw (the change is
   * committed by then).
   */
  afterCommit(callback: () => void): void {
    const open = this.open();
    const callbacks = open && this.onCommit.get(open);
    if (callbacks) callbacks.push(callback);
    else callback();
  }

  /** Runs `work` with no ambient transaction, even inside one: what it writes commits on its own. */
  outside<T>(work: () => Promise<T>): Promise<T> {
    return this.current.exit(work);
  }

  // A timer or lazy resource created inside `run` keeps its context after the transaction ends: a
  // released transaction is no transaction.
  private open(): EntityManager | undefined {
    const manager = this.current.getStore();
    return manager && !manager.queryRunner?.isReleased ? manager : undefined;
  }
}
