import { Injectable } from '@nestjs/common';
import type { AutopilotOutcome } from '@app/contracts';
import { TransactionHost } from '@app/database';
import { AutopilotRuleEntity, AutopilotRunEntity } from './autopilot.entity.js';

/** Per rule: how many runs ended in each outcome, and when the last one was written. */
export interface RuleActivity {
  counts: Record<AutopilotOutcome, number>;
  lastRunAt: Date | null;
}

/** Every query on autopilot rules and their runs; rules are bound to a workspace. */
@Injectable()
export class AutopilotRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insertRule(rule: AutopilotRuleEntity): Promise<void> {
    await this.tx.manager.insert(AutopilotRuleEntity, rule);
  }

  async saveRule(rule: AutopilotRuleEntity): Promise<void> {
    await this.tx.manager.save(AutopilotRuleEntity, rule);
  }

  listRules(workspaceId: string): Promise<AutopilotRuleEntity[]> {
    return this.tx.manager.find(AutopilotRuleEntity, {
      where: { workspaceId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  enabledRules(workspaceId: string): Promise<AutopilotRuleEntity[]> {
    return this.tx.manager.find(AutopilotRuleEntity, { where: { workspaceId, isEnabled: true } });
  }

  findRule(workspaceId: string, id: string): Promise<AutopilotRuleEntity | null> {
    return this.tx.manager.findOneBy(AutopilotRuleEntity, { workspaceId, id });
  }

  /** Deletes the rule and its runs; its posts stay. */
  async deleteRule(workspaceId: string, id: string): Promise<boolean> {
    const result = await this.tx.manager.delete(AutopilotRuleEntity, { workspaceId, id });
    return (result.affected ?? 0) > 0;
  }

  async activityOf(ruleIds: string[]): Promise<Map<string, RuleActivity>> {
    const activity = new Map<string, RuleActivity>();
    if (ruleIds.length === 0) return activity;
    const rows: Array<{ rule_id: string; outcome: AutopilotOutcome; count: string; last_at: Date }> =
      await this.tx.manager.query(
        `SELECT rule_id, outcome, count(*) AS count, max(updated_at) AS last_at
         FROM autopilot_runs WHERE rule_id = ANY($1) GROUP BY rule_id, outcome`,
        [ruleIds],
      );
    for (const row of rows) {
      const entry = activity.get(row.rule_id) ?? { counts: emptyCounts(), lastRunAt: null };
      entry.counts[row.outcome] = Number(row.count);
      if (!entry.lastRunAt || row.last_at > entry.lastRunAt) entry.lastRunAt = row.last_at;
      activity.set(row.rule_id, entry);
    }
    return activity;
  }

  recentRuns(ruleId: string, limit: number): Promise<AutopilotRunEntity[]> {
    return this.tx.manager.find(AutopilotRunEntity, {
      where: { ruleId },
      order: { updatedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  findRun(ruleId: string, productId: string): Promise<AutopilotRunEntity | null> {
    return this.tx.manager.findOneBy(AutopilotRunEntity, { ruleId, productId });
  }

  /**
   * Writes the rule's run for the product unless the rule already acted on it: a new row, or one replacing a
   * `not_matched` run (the product changed and may match now). False when another run already holds the
   * (rule, product) key; inside a transaction the row is held until it ends, so a concurrent claim waits.
   */
  async claim(run: AutopilotRunEntity): Promise<boolean> {
    const written: unknown[] = await this.tx.manager.query(
      `INSERT INTO autopilot_runs
         (id, rule_id, workspace_id, product_id, product_title, outcome, reason, post_id, scheduled_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (rule_id, product_id) DO UPDATE SET
         product_title = EXCLUDED.product_title, outcome = EXCLUDED.outcome, reason = EXCLUDED.reason,
         post_id = EXCLUDED.post_id, scheduled_at = EXCLUDED.scheduled_at, updated_at = EXCLUDED.updated_at,
         looks = autopilot_runs.looks + 1
       WHERE autopilot_runs.outcome = 'not_matched'
       RETURNING id`,
      [
        run.id,
        run.ruleId,
        run.workspaceId,
        run.productId,
        run.productTitle,
        run.outcome,
        run.reason,
        run.postId,
        run.scheduledAt,
        run.updatedAt,
      ],
    );
    return written.length > 0;
  }

  /** Counts another look at a product the rule already acted on (it changed or arrived again); nothing else. */
  async lookedAgain(ruleId: string, productId: string): Promise<void> {
    await this.tx.manager.increment(AutopilotRunEntity, { ruleId, productId }, 'looks', 1);
  }

  /** Sets what the claimed run ended in (the post it made); the run is found by its key, as claimed. */
  async settle(
    ruleId: string,
    productId: string,
    outcome: Pick<AutopilotRunEntity, 'outcome' | 'reason' | 'postId' | 'scheduledAt'>,
  ): Promise<void> {
    await this.tx.manager.update(
      AutopilotRunEntity,
      { ruleId, productId },
      { ...outcome, updatedAt: new Date() },
    );
  }
}

export function emptyCounts(): Record<AutopilotOutcome, number> {
  return { scheduled: 0, awaiting_review: 0, skipped: 0, not_matched: 0 };
}
