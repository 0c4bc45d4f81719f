import type { WorkspaceSummaryView } from '@app/contracts';
import type { TrafficSummary } from '../dashboard/dashboard.service.js';
import type { WorkspaceCounters } from './workspace-summary.entity.js';

/** A workspace no event has mentioned yet has zero of everything. */
export function toWorkspaceSummaryView(
  workspaceId: string,
  counters: WorkspaceCounters | null,
  traffic: TrafficSummary,
): WorkspaceSummaryView {
  return {
    workspaceId,
    products: counters?.products ?? 0,
    registeredUsers: counters?.registeredUsers ?? 0,
    ...traffic,
  };
}
