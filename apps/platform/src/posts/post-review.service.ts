import { Injectable } from '@nestjs/common';
import { ForbiddenError, type PostView } from '@app/contracts';
import type { RequestContext } from '@app/messaging';
import { PublishingSettingsService } from '../settings/publishing-settings.service.js';
import { PostChanges } from './post-changes.js';
import { assertNotPaused, inState } from './post-states.js';
import { PostsRepository } from './posts.repository.js';

const AWAITING_REVIEW = 'Nothing awaits review on this post';
const OWN_POST =
  "This workspace requires someone other than the post's creator to approve it: ask another editor, admin or owner";

/** The review gate: owners, admins and editors approve or reject the targets a post holds for review. */
@Injectable()
export class PostReviewService {
  constructor(
    private readonly changes: PostChanges,
    private readonly repository: PostsRepository,
    private readonly settings: PublishingSettingsService,
  ) {}

  /** Approved targets are scheduled at once if the post has a time, else wait as approved. */
  approve(context: RequestContext, id: string, note?: string): Promise<PostView> {
    return this.changes.change(context, id, async (post, targets) => {
      assertNotPaused(targets);
      const pending = inState(targets, ['needs_review'], AWAITING_REVIEW);
      await this.assertMayApprove(context, post.createdBy);
      Object.assign(post, { reviewedBy: context.principal.userId, reviewNote: note ?? null });
      if (post.scheduledAt === null) {
        for (const target of pending) target.status = 'approved';
        await this.repository.saveTargets(pending);
        return [];
      }
      return this.changes.scheduleAndSave(
        context,
        post,
        pending,
        new Date(Math.max(post.scheduledAt.getTime(), Date.now())),
      );
    });
  }

  reject(context: RequestContext, id: string, note?: string): Promise<PostView> {
    return this.changes.change(context, id, async (post, targets) => {
      assertNotPaused(targets);
      const pending = inState(targets, ['needs_review'], AWAITING_REVIEW);
      Object.assign(post, { reviewedBy: context.principal.userId, reviewNote: note ?? 'Rejected in review' });
      for (const target of pending)
        Object.assign(target, { status: 'cancelled', holdReason: post.reviewNote });
      await this.repository.saveTargets(pending);
      return [];
    });
  }

  /** With requireDistinctApprover on, a post's creator may not approve it (rejecting it stays allowed). */
  private async assertMayApprove(context: RequestContext, createdBy: string): Promise<void> {
    if (createdBy !== context.principal.userId) return;
    const { requireDistinctApprover } = await this.settings.get(context);
    if (requireDistinctApprover) throw new ForbiddenError(OWN_POST);
  }
}
