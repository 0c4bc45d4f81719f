import { Injectable } from '@nestjs/common';
import { type CampaignStatus, type CampaignView, ConflictError, NotFoundError } from '@app/contracts';
import { TransactionHost } from '@app/database';
import type { RequestContext } from '@app/messaging';
import { type DueJob, PublishQueue } from '../publishing/publish-queue.js';
import { TargetScheduler } from '../publishing/target-scheduler.js';
import { type CampaignEntity, hasBank } from './campaign.entity.js';
import { CampaignFillQueue } from './campaign-fill.queue.js';
import { scheduleOf } from './campaign.mapper.js';
import { CampaignPostsRepository, type PausedPost } from './campaign-posts.repository.js';
import { slotsUntil } from './campaign-schedule.js';
import { CampaignSlotsRepository } from './campaign-slots.repository.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { CampaignsService } from './campaigns.service.js';
import { SlotBook } from './slot-book.js';

const HOUR_MS = 3_600_000;

/** The transitions that make no sense, by what is asked and what the campaign is: a 409 says why. */
const REFUSALS: Record<'pause' | 'resume' | 'complete', Partial<Record<CampaignStatus, string>>> = {
  pause: { paused: 'is already paused', completed: 'is completed and cannot be paused' },
  resume: { active: 'is not paused', completed: 'is completed and cannot be resumed' },
  complete: { completed: 'is already completed' },
};

function refuseUnless(action: keyof typeof REFUSALS, campaign: CampaignEntity): void {
  const refusal = REFUSALS[action][campaign.status];
  if (refusal) throw new ConflictError(`The campaign "${campaign.name}" ${refusal}`);
}

/**
 * A campaign's life: `active ⇄ paused → completed` (or active → completed). Pausing holds every post target
 * of the campaign not yet publishing; resuming plans them again from now; completing cancels what has not
 * gone out and keeps what has.
 */
@Injectable()
export class CampaignLifecycleService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: CampaignsRepository,
    private readonly posts: CampaignPostsRepository,
    private readonly slots: CampaignSlotsRepository,
    private readonly scheduler: TargetScheduler,
    private readonly queue: PublishQueue,
    private readonly fill: CampaignFillQueue,
    private readonly campaigns: CampaignsService,
  ) {}

  /** Holds the open slots: their targets become `paused`, and a publish job already queued finds nothing due. */
  pause(context: RequestContext, id: string): Promise<CampaignView> {
    return this.transition(context, id, async (campaign) => {
      refuseUnless('pause', campaign);
      campaign.status = 'paused';
      await this.posts.pauseOpenTargets(campaign.id);
      return [];
    });
  }

  /**
   * Plans the paused posts again, in their order, each in the first free slot from now (the bank's posts also
   * keep the product's minimum gap); slots that passed meanwhile are not made up. A post that needs approval
   * waits for it again in its new slot.
   */
  resume(context: RequestContext, id: string): Promise<CampaignView> {
    return this.transition(context, id, async (campaign) => {
      refuseUnless('resume', campaign);
      if (campaign.endsAt && campaign.endsAt.getTime() <= Date.now())
        throw new ConflictError(
          `The campaign "${campaign.name}" ended at ${campaign.endsAt.toISOString()}: move its end later to resume it`,
        );
      Object.assign(campaign, { status: 'active', filledUntil: null });
      return this.replan(context, campaign);
    });
  }

  /** Ends the campaign: open slots are cancelled; published posts, their metrics and sales stay. */
  complete(context: RequestContext, id: string): Promise<CampaignView> {
    return this.transition(context, id, async (campaign) => {
      refuseUnless('complete', campaign);
      await this.finish(campaign, 'The campaign was completed');
      return [];
    });
  }

  /** The bank's own ending (its end passed, or its bank is used up and went out): nothing if no longer active. */
  async completeActive(workspaceId: string, id: string, reason: string): Promise<void> {
    await this.tx.run(async () => {
      const campaign = await this.repository.findForUpdate(workspaceId, id);
      if (campaign?.status !== 'active') return;
      await this.finish(campaign, reason);
      await this.repository.save(campaign);
    });
  }

  private async finish(campaign: CampaignEntity, reason: string): Promise<void> {
    Object.assign(campaign, { status: 'completed', updatedAt: new Date() });
    await this.posts.cancelOpenTargets(campaign.id, reason);
  }

  /** Locks the campaign, applies the change, then queues its publish jobs and, if the bank has work, a fill. */
  private async transition(
    context: RequestContext,
    id: string,
    apply: (campaign: CampaignEntity) => Promise<DueJob[]>,
  ): Promise<CampaignView> {
    const { workspaceId } = context.principal;
    const { campaign, jobs } = await this.tx.run(async () => {
      const found = await this.repository.findForUpdate(workspaceId, id);
      if (!found) throw new NotFoundError('Campaign');
      const due = await apply(found);
      found.updatedAt = new Date();
      await this.repository.save(found);
      return { campaign: found, jobs: due };
    });
    await this.queue.enqueueAll(jobs);
    if (campaign.status === 'active' && hasBank(campaign)) await this.fill.request();
    return this.campaigns.view(campaign);
  }

  private async replan(context: RequestContext, campaign: CampaignEntity): Promise<DueJob[]> {
    const paused = await this.posts.pausedPosts(campaign.id);
    const now = new Date();
    const gapMs = campaign.minGapHours * HOUR_MS;
    const moving = new Set(paused.map(({ post }) => post.id));
    const keys = await this.slots.filledSlots(campaign.id);
    const banked = new Set(keys.map((key) => key.postId));
    const book = new SlotBook([
      ...(await this.slots.slotUses(campaign.id, new Date(now.getTime() - gapMs))),
      ...keys
        .filter((key) => !moving.has(key.postId as string))
        .map((key) => ({ connectionId: key.connectionId, at: key.slotAt, productId: null })),
    ]);
    const jobs: DueJob[] = [];
    const moves = new Map<string, Date>();
    const dropped: string[] = [];
    for (const entry of paused) {
      const { post, targets } = entry;
      const connectionIds = [...new Set(targets.map((target) => target.connectionId))];
      const product =
        post.productId && banked.has(post.id) ? { productId: post.productId, gapMs } : undefined;
      const slot = book.firstFree(
        slotsUntil(scheduleOf(campaign), now, campaign.endsAt),
        connectionIds,
        product,
      );
      if (!slot) {
        dropped.push(post.id);
        await this.dropPaused(entry);
        continue;
      }
      for (const connectionId of connectionIds)
        book.take({ connectionId, at: slot, productId: post.productId });
      post.scheduledAt = slot;
      moves.set(post.id, slot);
      if (post.requiresReview && post.reviewedBy === null)
        for (const target of targets)
          Object.assign(target, { status: 'needs_review', dueAt: null, holdReason: null });
      else jobs.push(...(await this.scheduler.schedule(context, post, targets, slot)));
      await this.posts.save(post, targets);
    }
    await this.slots.releaseKeys(campaign.id, dropped);
    await this.slots.moveKeys(campaign.id, moves);
    return jobs;
  }

  private async dropPaused({ post, targets }: PausedPost): Promise<void> {
    for (const target of targets)
      Object.assign(target, {
        status: 'cancelled',
        holdReason: 'No free slot was left when the campaign resumed',
      });
    await this.posts.save(post, targets);
  }
}
