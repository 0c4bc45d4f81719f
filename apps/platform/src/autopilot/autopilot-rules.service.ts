import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AUTOPILOT_RUNS_SHOWN,
  type AutopilotFilterDto,
  type AutopilotRuleView,
  type AutopilotRunListView,
  type CreateAutopilotRuleDto,
  InvalidError,
  NotFoundError,
  type UpdateAutopilotRuleDto,
} from '@app/contracts';
import type { RequestContext } from '@app/messaging';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { AutopilotRuleEntity } from './autopilot.entity.js';
import { filterProblem } from './autopilot-filter.js';
import { toRuleView, toRunView } from './autopilot.mapper.js';
import { AutopilotRepository } from './autopilot.repository.js';

/**
 * Autopilot rules of a workspace: what each takes and where it posts. A rule acts with the access of the member
 * who created it, so editing a rule does not change whose access it acts with.
 */
@Injectable()
export class AutopilotRulesService {
  constructor(
    private readonly repository: AutopilotRepository,
    private readonly campaigns: CampaignsService,
  ) {}

  async create(context: RequestContext, input: CreateAutopilotRuleDto): Promise<AutopilotRuleView> {
    const { workspaceId, userId } = context.principal;
    const filter = cleanFilter(input.filter ?? {});
    await this.assertTargets(context, input.campaignId, input.connectionIds);
    const now = new Date();
    const rule = Object.assign(new AutopilotRuleEntity(), {
      id: randomUUID(),
      workspaceId,
      name: input.name,
      isEnabled: input.enabled ?? true,
      filter,
      connectionIds: input.connectionIds,
      campaignId: input.campaignId,
      requireReview: input.requireReview ?? false,
      tone: input.copy?.tone ?? 'friendly',
      language: input.copy?.language ?? 'en',
      copyMode: input.copy?.mode ?? 'auto',
      createdBy: userId,
      createdAt: now,
      updatedAt: now,
    } satisfies AutopilotRuleEntity);
    await this.repository.insertRule(rule);
    return toRuleView(rule, undefined);
  }

  async list(context: RequestContext): Promise<AutopilotRuleView[]> {
    const rules = await this.repository.listRules(context.principal.workspaceId);
    const activity = await this.repository.activityOf(rules.map((rule) => rule.id));
    return rules.map((rule) => toRuleView(rule, activity.get(rule.id)));
  }

  async get(context: RequestContext, id: string): Promise<AutopilotRuleView> {
    const rule = await this.find(context, id);
    const activity = await this.repository.activityOf([rule.id]);
    return toRuleView(rule, activity.get(rule.id));
  }

  /** Applies to products seen from now on; runs already made stay as they are. */
  async update(
    context: RequestContext,
    id: string,
    patch: UpdateAutopilotRuleDto,
  ): Promise<AutopilotRuleView> {
    const rule = await this.find(context, id);
    const next = {
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.enabled === undefined ? {} : { isEnabled: patch.enabled }),
      ...(patch.filter === undefined ? {} : { filter: cleanFilter(patch.filter) }),
      ...(patch.connectionIds === undefined ? {} : { connectionIds: patch.connectionIds }),
      ...(patch.campaignId === undefined ? {} : { campaignId: patch.campaignId }),
      ...(patch.requireReview === undefined ? {} : { requireReview: patch.requireReview }),
      ...(patch.copy?.tone === undefined ? {} : { tone: patch.copy.tone }),
      ...(patch.copy?.language === undefined ? {} : { language: patch.copy.language }),
      ...(patch.copy?.mode === undefined ? {} : { copyMode: patch.copy.mode }),
    };
    if (patch.campaignId !== undefined || patch.connectionIds !== undefined)
      await this.assertTargets(
        context,
        next.campaignId ?? rule.campaignId,
        next.connectionIds ?? rule.connectionIds,
      );
    Object.assign(rule, next, { updatedAt: new Date() });
    await this.repository.saveRule(rule);
    return this.get(context, id);
  }

  /** Its posts stay as they are. */
  async delete(context: RequestContext, id: string): Promise<void> {
    if (!(await this.repository.deleteRule(context.principal.workspaceId, id)))
      throw new NotFoundError('Rule');
  }

  async runs(context: RequestContext, id: string): Promise<AutopilotRunListView> {
    const rule = await this.find(context, id);
    const runs = await this.repository.recentRuns(rule.id, AUTOPILOT_RUNS_SHOWN);
    return { items: runs.map(toRunView) };
  }

  private async find(context: RequestContext, id: string): Promise<AutopilotRuleEntity> {
    const rule = await this.repository.findRule(context.principal.workspaceId, id);
    if (!rule) throw new NotFoundError('Rule');
    return rule;
  }

  /** The campaign exists in the workspace (404) and every connection is one of its own (400). */
  private async assertTargets(
    context: RequestContext,
    campaignId: string,
    connectionIds: string[],
  ): Promise<void> {
    const campaign = await this.campaigns.get(context, campaignId);
    const outside = connectionIds.find((connectionId) => !campaign.connectionIds.includes(connectionId));
    if (outside)
      throw new InvalidError(`Connection ${outside} is not one of the campaign "${campaign.name}"`, {
        fields: [{ field: 'connectionIds', messages: ['every connection must be one of the campaign'] }],
      });
  }
}

/** The filter as stored: only the conditions given, and none that contradict each other. */
function cleanFilter(filter: AutopilotFilterDto): AutopilotFilterDto {
  const clean = Object.fromEntries(
    Object.entries(filter).filter(([, value]) => value !== undefined && value !== null),
  ) as AutopilotFilterDto;
  const problem = filterProblem(clean);
  if (problem)
    throw new InvalidError(problem, { fields: [{ field: 'filter.minPriceMinor', messages: [problem] }] });
  return clean;
}
