import { Injectable } from '@nestjs/common';
import { ConflictError, EventSubjects, type PostView, type TargetStatus } from '@app/contracts';
import { Outbox, type RequestContext } from '@app/messaging';
import { postPublishedEvent } from './post.events.js';
import { PostChanges } from './post-changes.js';
import { assertNotPaused, dueTime, inState, OPEN } from './post-states.js';
import { PostsRepository } from './posts.repository.js';

const SCHEDULABLE: TargetStatus[] = ['draft', 'approved'];
const RESCHEDULABLE: TargetStatus[] = [...SCHEDULABLE, 'scheduled'];
const RETRYABLE: TargetStatus[] = ['failed', 'unconfirmed'];

/**
 * When and whether a post goes out, as a person decides: schedule or move it, cancel it, retry what failed,
 * or record a target posted by hand.
 */
@Injectable()
export class PostSchedulingService {
  constructor(
    private readonly changes: PostChanges,
    private readonly repository: PostsRepository,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Drafts and approved targets become scheduled, and scheduled ones move to the new time (a job already
   * waiting for the old time finds the target due later and waits again); a post awaiting review cannot be.
   */
  schedule(context: RequestContext, id: string, scheduledAt?: string): Promise<PostView> {
    const at = scheduledAt === undefined ? new Date() : dueTime(scheduledAt);
    return this.changes.change(context, id, async (post, targets) => {
      assertNotPaused(targets);
      if (targets.some((target) => target.status === 'needs_review'))
        throw new ConflictError('This post needs approval before it can be scheduled');
      const ready = targets.filter((target) => RESCHEDULABLE.includes(target.status));
      if (ready.length === 0)
        throw new ConflictError('Nothing to schedule: every target is publishing, done or cancelled');
      post.scheduledAt = at;
      return this.changes.scheduleAndSave(context, post, ready, at);
    });
  }

  /** Stops targets not yet publishing; a waiting job finds the target cancelled and does nothing. */
  cancel(context: RequestContext, id: string): Promise<PostView> {
    return this.changes.change(context, id, async (_post, targets) => {
      const open = inState(targets, OPEN, 'Nothing to cancel: every target is publishing or done');
      for (const target of open) Object.assign(target, { status: 'cancelled', holdReason: 'Cancelled' });
      await this.repository.saveTargets(open);
      return [];
    });
  }

  /** A person's decision after checking the account: failed or unconfirmed targets are scheduled now. */
  retry(context: RequestContext, id: string): Promise<PostView> {
    return this.changes.change(context, id, async (post, targets) => {
      const stuck = inState(targets, RETRYABLE, 'Only failed or unconfirmed targets can be retried');
      for (const target of stuck) target.attemptCount = 0;
      return this.changes.scheduleAndSave(context, post, stuck, new Date());
    });
  }

  /**
   * A manual target was posted by hand, or a person checked the account and found an unconfirmed target
   * published after all: record where.
   */
  markPublished(context: RequestContext, id: string, url: string, targetId?: string): Promise<PostView> {
    return this.changes.change(context, id, async (post, targets) => {
      const manual = targets.filter(
        (target) =>
          (targetId === undefined || target.id === targetId) &&
          ((target.platform === 'manual' && RESCHEDULABLE.includes(target.status)) ||
            target.status === 'unconfirmed'),
      );
      if (manual.length !== 1)
        throw new ConflictError(
          manual.length === 0
            ? 'No manual or unconfirmed target of this post awaits publishing'
            : 'Name the target with targetId',
        );
      const [target] = manual;
      Object.assign(target, {
        status: 'published',
        externalUrl: url,
        publishedAt: new Date(),
        holdReason: null,
      });
      await this.repository.saveTargets([target]);
      await this.outbox.add(
        EventSubjects.postPublished,
        postPublishedEvent(post, target, {
          externalId: null,
          externalUrl: url,
          publishedAt: target.publishedAt as Date,
        }),
        context,
      );
      return [];
    });
  }
}
