import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@app/database';
import { WorkspaceCounters } from './workspace-summary.entity.js';

/** Changes to apply to a workspace's counters. */
export interface CounterDeltas {
  products?: number;
  registeredUsers?: number;
}

@Injectable()
export class WorkspaceSummaryRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** The workspace's counters, or null while no event has mentioned it. */
  findByWorkspace(workspaceId: string): Promise<WorkspaceCounters | null> {
    return this.tx.manager.getRepository(WorkspaceCounters).findOneBy({ workspaceId });
  }

  /**
   * Adds the deltas in one atomic upsert through the caller's transaction, so concurrent events never
   * lose an update; a counter never goes below zero (a delete whose create predates this read model).
   */
  async addToCounters(workspaceId: string, deltas: CounterDeltas): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO workspace_counters AS c (workspace_id, products, registered_users, updated_at)
       VALUES ($1, GREATEST($2::integer, 0), GREATEST($3::integer, 0), now())
       ON CONFLICT (workspace_id) DO UPDATE SET
         products = GREATEST(c.products + $2::integer, 0),
         registered_users = GREATEST(c.registered_users + $3::integer, 0),
         updated_at = now()`,
      [workspaceId, deltas.products ?? 0, deltas.registeredUsers ?? 0],
    );
  }
}
