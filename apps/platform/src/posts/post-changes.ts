import { Injectable } from '@nestjs/common';
import { NotFoundError, type PostView } from '@app/contracts';
import { TransactionHost } from '@app/database';
import type { RequestContext } from '@app/messaging';
import { type DueJob, PublishQueue } from '../publishing/publish-queue.js';
import { TargetScheduler } from '../publishing/target-scheduler.js';
import { TargetLinks } from '../target-links/target-links.service.js';
import type { PostEntity, PostTargetEntity } from './post.entity.js';
import { PostsRepository } from './posts.repository.js';
import { PostViewsService } from './post-views.service.js';

/** How many new posts' links are asked for at once after a bulk commit. */
const LINK_BATCH = 100;

/** One change of a post and its targets; returns the publish jobs to queue once it commits. */
export type Change = (post: PostEntity, targets: PostTargetEntity[]) => Promise<DueJob[]>;

/** What a committed change leaves: the post, all its targets, and the publish jobs to queue. */
export interface Committed {
  post: PostEntity;
  targets: PostTargetEntity[];
  jobs: DueJob[];
}

/**
 * How every change a person makes to a post is carried out: in one transaction with the post's targets
 * locked; after the commit, the tracked links its targets still need, then its publish jobs queued; the
 * post's view as the answer.
 */
@Injectable()
export class PostChanges {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: PostsRepository,
    private readonly scheduler: TargetScheduler,
    private readonly queue: PublishQueue,
    private readonly views: PostViewsService,
    private readonly links: TargetLinks,
  ) {}

  /** Applies `apply` to the workspace's post (404 otherwise) and answers the post as it is after. */
  async change(context: RequestContext, id: string, apply: Change): Promise<PostView> {
    const { post } = await this.commit(context, async () => {
      const found = await this.repository.findForUpdate(context.principal.workspaceId, id);
      if (!found) throw new NotFoundError('Post');
      const jobs = await apply(found.post, found.targets);
      await this.repository.touch(found.post);
      return { ...found, jobs };
    });
    return this.views.view(post);
  }

  /**
   * Runs the change in one transaction; then, outside it, asks analytics for the links its targets still need
   * (before the jobs are queued, so publishing finds them made), and enqueues its jobs. A lost enqueue is caught
   * by the overdue sweep; a link not made is made by publishing.
   */
  async commit(context: RequestContext, work: () => Promise<Committed>): Promise<Committed> {
    const committed = await this.tx.run(work);
    await this.links.complete(context, committed.post, committed.targets);
    await this.queue.enqueueAll(committed.jobs);
    return committed;
  }

  /**
   * commit() for many new posts: one transaction; then their tracked links, a batch of posts at a time so
   * analytics is not asked for thousands at once; then their jobs.
   */
  async commitMany(
    context: RequestContext,
    work: () => Promise<{ postIds: string[]; jobs: DueJob[] }>,
  ): Promise<void> {
    const { postIds, jobs } = await this.tx.run(work);
    for (let start = 0; start < postIds.length; start += LINK_BATCH) {
      await this.links.completePosts(context, postIds.slice(start, start + LINK_BATCH));
    }
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
