import type { AutopilotRuleView, AutopilotRunView } from '@app/contracts';
import type { AutopilotRuleEntity, AutopilotRunEntity } from './autopilot.entity.js';
import { emptyCounts, type RuleActivity } from './autopilot.repository.js';

export function toRuleView(rule: AutopilotRuleEntity, activity: RuleActivity | undefined): AutopilotRuleView {
  const counts = activity?.counts ?? emptyCounts();
  return {
    id: rule.id,
    name: rule.name,
    enabled: rule.isEnabled,
    filter: rule.filter,
    connectionIds: rule.connectionIds,
    campaignId: rule.campaignId,
    requireReview: rule.requireReview,
    copy: { tone: rule.tone, language: rule.language, mode: rule.copyMode },
    counts: {
      matched: counts.scheduled + counts.awaiting_review + counts.skipped,
      scheduled: counts.scheduled,
      awaitingReview: counts.awaiting_review,
      skipped: counts.skipped,
      notMatched: counts.not_matched,
    },
    lastRunAt: activity?.lastRunAt?.toISOString() ?? null,
    createdBy: rule.createdBy,
    createdAt: rule.createdAt.toISOString(),
    updatedAt: rule.updatedAt.toISOString(),
  };
}

export function toRunView(run: AutopilotRunEntity): AutopilotRunView {
  return {
    id: run.id,
    productId: run.productId,
    productTitle: run.productTitle,
    outcome: run.outcome,
    reason: run.reason,
    postId: run.postId,
    scheduledAt: run.scheduledAt?.toISOString() ?? null,
    looks: run.looks,
    updatedAt: run.updatedAt.toISOString(),
  };
}
