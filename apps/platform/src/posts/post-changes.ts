import { Injectable } from '@nestjs/common';
import { NotFoundError, type PostView } from '@app/contracts';
import { TransactionHost } from '@app/database';
import type { RequestContext } from '@app/messaging';
import { type DueJob, PublishQueue } from '../publishing/publish-queue.js';
import { TargetScheduler } from '../publishing/target-scheduler.js';
import type { PostEntity, PostTargetEntity } from './post.entity.js';
import { PostsRepository } from './posts.repository.js';
import { PostViewsService } from './post-views.service.js';

/** One change of a post and its targets; returns the publish jobs to queue once it commits. */
export type Change = (post: PostEntity, targets: PostTargetEntity[]) => Promise<DueJob[]>;

/**
 * How every change a person makes to a post is carried out: in one transaction with the post's targets
 * locked, its publish jobs queued after the commit, and the post's view as the answer.
 */
@Injectable()
export class PostChanges {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: PostsRepository,
    private readonly scheduler: TargetScheduler,
    private readonly queue: PublishQueue,
    private readonly views: PostViewsService,
  ) {}

  /** Applies `apply` to the workspace's post (404 otherwise) and answers the post as it is after. */
  async change(context: RequestContext, id: string, apply: Change): Promise<PostView> {
    let changed: PostEntity | undefined;
    await this.commit(async () => {
      const found = await this.repository.findForUpdate(context.principal.workspaceId, id);
      if (!found) throw new NotFoundError('Post');
      changed = found.post;
      const jobs = await apply(found.post, found.targets);
      await this.repository.touch(found.post);
      return jobs;
    });
    return this.views.view(changed as PostEntity);
  }

  /** Runs the change in one transaction, then enqueues its jobs; a lost enqueue is caught by the overdue sweep. */
  async commit(work: () => Promise<DueJob[]>): Promise<void> {
    const jobs = await this.tx.run(work);
    await this.queue.enqueueAll(jobs);
  }

  /**
   * Inserts new posts with their targets in bulk; those due (a time and no review pending) are scheduled first,
   * their events recorded with them. Returns their jobs. Call inside commit().
   */
  async insertMany(
    context: RequestContext,
    posts: ReadonlyArray<{ post: PostEntity; targets: PostTargetEntity[] }>,
  ): Promise<DueJob[]> {
    const due = posts.filter(({ post }) => post.scheduledAt !== null && !post.requiresReview);
    const jobs = await this.scheduler.scheduleMany(
      context,
      due.map(({ post, targets }) => ({ post, targets, at: post.scheduledAt as Date })),
    );
    await this.repository.insertMany(posts);
    return jobs;
  }

  /** Schedules the targets at `at` (recording their events) and saves them; returns their jobs. */
  async scheduleAndSave(
    context: RequestContext,
    post: PostEntity,
    targets: PostTargetEntity[],
    at: Date,
  ): Promise<DueJob[]> {
    const jobs = await this.scheduler.schedule(context, post, targets, at);
    await this.repository.saveTargets(targets);
    return jobs;
  }
}
