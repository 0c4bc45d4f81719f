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

  constructor(private readonly dataSource: DataSource) {}

  /** The current transaction's EntityManager, or the DataSource's own (autocommit) outside one. */
  get manager(): EntityManager {
    return this.current.getStore() ?? this.dataSource.manager;
  }

  /** Whether the caller runs inside a transaction opened by `run`. */
  get isActive(): boolean {
    return this.current.getStore()?.queryRunner?.isTransactionActive === true;
  }

  /**
   * Runs `work` in a transaction: joins the current one, or opens one that commits when `work`
   * resolves and rolls back when it throws.
   */
  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.current.getStore()) return work();
    return this.dataSource.transaction((manager) => this.current.run(manager, work));
  }

  /** Runs `work` with no ambient transaction, even inside one: what it writes commits on its own. */
  outside<T>(work: () => Promise<T>): Promise<T> {
    return this.current.exit(work);
  }
}
