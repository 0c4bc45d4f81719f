import type { SafetyLimitsView } from '@app/contracts';
import { checkSafetyLimits, type DispatchHistory } from './safety-limits.js';

/** What a batch claim needs of a locked target. */
export interface CandidateTarget {
  id: string;
  connectionId: string;
  dueAt: Date;
}

/** What a batch claim needs of a locked connection. */
export interface CandidateConnection {
  id: string;
  timezone: string;
  limits: SafetyLimitsView;
  history: DispatchHistory;
}

export interface ClaimPlan {
  /** Targets to publish now, in due order. */
  publish: CandidateTarget[];
  /** Targets a safety limit holds back, with their new due time and the reason. */
  hold: Array<{ target: CandidateTarget; dueAt: Date; reason: string }>;
  /** Targets whose connection is gone. */
  orphaned: CandidateTarget[];
  /** Connections that dispatch in this batch (their last dispatch becomes `now`). */
  dispatchedConnections: string[];
}

/**
 * Decides a batch of due targets as if they were dispatched one after another at `now`: each target
 * allowed counts in its connection's history, so a second target of the same connection meets the
 * minimum gap and the daily cap exactly as a later dispatch would.
 */
export function planClaims(
  targets: readonly CandidateTarget[],
  connections: ReadonlyMap<string, CandidateConnection>,
  now: Date,
  random: () => number = Math.random,
): ClaimPlan {
  const plan: ClaimPlan = { publish: [], hold: [], orphaned: [], dispatchedConnections: [] };
  const histories = new Map<string, DispatchHistory>();
  const ordered = [...targets].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  for (const target of ordered) {
    const connection = connections.get(target.connectionId);
    if (!connection) {
      plan.orphaned.push(target);
      continue;
    }
    const history = histories.get(connection.id) ?? connection.history;
    const decision = checkSafetyLimits(connection.limits, connection.timezone, history, now);
    if (!decision.isAllowed) {
      const jitterMs = Math.floor(random() * connection.limits.jitterSec * 1000);
      const dueAt = new Date(decision.retryAt.getTime() + jitterMs);
      plan.hold.push({ target, dueAt, reason: `${decision.reason}; rescheduled to ${dueAt.toISOString()}` });
      continue;
    }
    plan.publish.push(target);
    if (!histories.has(connection.id)) plan.dispatchedConnections.push(connection.id);
    histories.set(connection.id, {
      lastDispatchedAt: now,
      countLast24h: history.countLast24h + 1,
      oldestLast24h: history.oldestLast24h ?? now,
    });
  }
  return plan;
}
