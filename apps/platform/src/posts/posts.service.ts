import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type ConnectablePlatform,
  ConflictError,
  type CreatePostDto,
  EventSubjects,
  InvalidError,
  type ListPostsQuery,
  NotFoundError,
  type PostView,
  type TargetOptions,
  type TargetStatus,
  type UpdatePostDto,
} from '@app/contracts';
import { Outbox, type RequestContext } from '@app/messaging';
import { TransactionHost } from '@app/database';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { ConnectionsReader } from '../connections/connections.reader.js';
import { TargetMediaResolver } from '../media/target-media.resolver.js';
import { PublishQueue } from '../publishing/publish-queue.js';
import { type DueJob, TargetScheduler } from '../publishing/target-scheduler.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { PublishingSettingsService } from '../settings/publishing-settings.service.js';
import { PostEntity, PostTargetEntity } from './post.entity.js';
import { postPublishedEvent } from './post.events.js';
import { toPostView } from './post.mapper.js';
import { LatestMetrics } from '../metrics/latest-metrics.js';
import { PostsRepository } from './posts.repository.js';

const SCHEDULABLE: TargetStatus[] = ['draft', 'approved'];
const RESCHEDULABLE: TargetStatus[] = [...SCHEDULABLE, 'scheduled'];
const CANCELLABLE: TargetStatus[] = ['draft', 'needs_review', 'approved', 'scheduled'];
const RETRYABLE: TargetStatus[] = ['failed', 'unconfirmed'];
const MAX_AHEAD_MS = 366 * 86_400_000;

type Change = (post: PostEntity, targets: PostTargetEntity[]) => Promise<DueJob[]>;

/** The rules of posts: what may be created, the review gate, and every state change a user asks for. */
@Injectable()
export class PostsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: PostsRepository,
    private readonly connections: ConnectionsReader,
    private readonly providers: ProviderRegistry,
    private readonly scheduler: TargetScheduler,
    private readonly queue: PublishQueue,
    private readonly outbox: Outbox,
    private readonly settings: PublishingSettingsService,
    private readonly media: TargetMediaResolver,
    private readonly campaigns: CampaignsService,
    private readonly metrics: LatestMetrics,
  ) {}

  async create(context: RequestContext, input: CreatePostDto): Promise<PostView> {
    const scheduledAt = input.scheduledAt === undefined ? null : dueTime(input.scheduledAt);
    const now = new Date();
    const post = Object.assign(new PostEntity(), {
      id: randomUUID(),
      workspaceId: context.principal.workspaceId,
      productId: input.productId ?? null,
      campaignId: input.campaignId ?? null,
      requiresReview: (await this.settings.get(context)).requireReview || (input.requireReview ?? false),
      reviewNote: null,
      reviewedBy: null,
      scheduledAt,
      createdBy: context.principal.userId,
      createdAt: now,
      updatedAt: now,
    });
    const initial: TargetStatus = post.requiresReview ? 'needs_review' : 'draft';
    const targets = await Promise.all(
      input.targets.map((target, index) => this.newTarget(context, post, target, index, initial)),
    );
    await this.commit(async () => {
      if (input.campaignId !== undefined) await this.joinCampaign(post, input.campaignId, targets);
      await this.repository.insert(post, targets);
      if (post.scheduledAt === null || post.requiresReview) return [];
      return this.scheduleAndSave(context, post, targets, post.scheduledAt);
    });
    return this.view(post);
  }

  async get(context: RequestContext, id: string): Promise<PostView> {
    const post = await this.repository.findOne(context.principal.workspaceId, id);
    if (!post) throw new NotFoundError('Post');
    return this.view(post);
  }

  async list(context: RequestContext, query: ListPostsQuery): Promise<PostView[]> {
    const posts = await this.repository.list(context.principal.workspaceId, {
      status: query.status,
      platform: query.platform,
      campaignId: query.campaignId,
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
      limit: query.limit ?? 20,
    });
    return this.views(posts);
  }

  /** Edits targets not yet publishing, re-checking the platform rules; approval is needed again after an edit. */
  update(context: RequestContext, id: string, input: UpdatePostDto): Promise<PostView> {
    return this.change(context, id, async (post, targets) => {
      const edited: PostTargetEntity[] = [];
      for (const [index, patch] of input.targets.entries()) {
        const target = targets.find((candidate) => candidate.id === patch.id);
        if (!target) throw new NotFoundError('Target');
        if (!CANCELLABLE.includes(target.status))
          throw new ConflictError(`Target ${target.id} is ${target.status} and can no longer be edited`);
        const next = {
          text: patch.text ?? target.text,
          title: patch.title ?? target.title,
          mediaUrls: patch.mediaUrls ?? target.mediaUrls,
          options: patch.options ?? target.options,
          ...(patch.mediaIds === undefined
            ? {}
            : {
                mediaIds: patch.mediaIds,
                media: await this.media.resolve(context, target.platform, patch.mediaIds),
              }),
        };
        this.assertRules(
          target.platform,
          {
            ...next,
            mediaUrls: [...next.mediaUrls, ...(next.media ?? target.media).map((item) => item.url)],
          },
          index,
        );
        Object.assign(target, next);
        if (post.requiresReview)
          Object.assign(target, {
            status: 'needs_review',
            dueAt: null,
            holdReason: 'Edited: needs approval again',
          });
        edited.push(target);
      }
      if (post.requiresReview) post.reviewedBy = null;
      await this.repository.saveTargets(edited);
      return [];
    });
  }

  /**
   * Drafts and approved targets become scheduled, and scheduled ones move to the new time (a job already
   * waiting for the old time finds the target due later and waits again); a post awaiting review cannot be.
   */
  schedule(context: RequestContext, id: string, scheduledAt?: string): Promise<PostView> {
    const at = scheduledAt === undefined ? new Date() : dueTime(scheduledAt);
    return this.change(context, id, async (post, targets) => {
      if (targets.some((target) => target.status === 'needs_review'))
        throw new ConflictError('This post needs approval before it can be scheduled');
      const ready = targets.filter((target) => RESCHEDULABLE.includes(target.status));
      if (ready.length === 0)
        throw new ConflictError('Nothing to schedule: every target is publishing, done or cancelled');
      post.scheduledAt = at;
      return this.scheduleAndSave(context, post, ready, at);
    });
  }

  /** The review gate: owners, admins and editors approve; the post is scheduled at once if it has a time. */
  approve(context: RequestContext, id: string, note?: string): Promise<PostView> {
    return this.change(context, id, async (post, targets) => {
      const pending = inState(targets, ['needs_review'], 'Nothing awaits review on this post');
      Object.assign(post, { reviewedBy: context.principal.userId, reviewNote: note ?? null });
      if (post.scheduledAt === null) {
        for (const target of pending) target.status = 'approved';
        await this.repository.saveTargets(pending);
        return [];
      }
      return this.scheduleAndSave(
        context,
        post,
        pending,
        new Date(Math.max(post.scheduledAt.getTime(), Date.now())),
      );
    });
  }

  reject(context: RequestContext, id: string, note?: string): Promise<PostView> {
    return this.change(context, id, async (post, targets) => {
      const pending = inState(targets, ['needs_review'], 'Nothing awaits review on this post');
      Object.assign(post, { reviewedBy: context.principal.userId, reviewNote: note ?? 'Rejected in review' });
      for (const target of pending)
        Object.assign(target, { status: 'cancelled', holdReason: post.reviewNote });
      await this.repository.saveTargets(pending);
      return [];
    });
  }

  /** Stops targets not yet publishing; a waiting job finds the target cancelled and does nothing. */
  cancel(context: RequestContext, id: string): Promise<PostView> {
    return this.change(context, id, async (_post, targets) => {
      const open = inState(targets, CANCELLABLE, 'Nothing to cancel: every target is publishing or done');
      for (const target of open) Object.assign(target, { status: 'cancelled', holdReason: 'Cancelled' });
      await this.repository.saveTargets(open);
      return [];
    });
  }

  /** A person's decision after checking the account: failed or unconfirmed targets are scheduled now. */
  retry(context: RequestContext, id: string): Promise<PostView> {
    return this.change(context, id, async (post, targets) => {
      const stuck = inState(targets, RETRYABLE, 'Only failed or unconfirmed targets can be retried');
      for (const target of stuck) target.attemptCount = 0;
      return this.scheduleAndSave(context, post, stuck, new Date());
    });
  }

  /**
   * A manual target was posted by hand, or a person checked the account and found an unconfirmed target
   * published after all: record where.
   */
  markPublished(context: RequestContext, id: string, url: string, targetId?: string): Promise<PostView> {
    return this.change(context, id, async (post, targets) => {
      const manual = targets.filter(
        (target) =>
          (targetId === undefined || target.id === targetId) &&
          ((target.platform === 'manual' && [...SCHEDULABLE, 'scheduled'].includes(target.status)) ||
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

  /** A campaign post without a time takes the campaign's next free slot on its connections. */
  private async joinCampaign(
    post: PostEntity,
    campaignId: string,
    targets: PostTargetEntity[],
  ): Promise<void> {
    const connectionIds = [...new Set(targets.map((target) => target.connectionId))];
    const campaign = await this.campaigns.assertPostFits(post.workspaceId, campaignId, connectionIds);
    if (post.scheduledAt === null)
      post.scheduledAt = await this.campaigns.nextFreeSlot(campaign, connectionIds);
  }

  private async change(context: RequestContext, id: string, apply: Change): Promise<PostView> {
    let changed: PostEntity | undefined;
    await this.commit(async () => {
      const found = await this.repository.findForUpdate(context.principal.workspaceId, id);
      if (!found) throw new NotFoundError('Post');
      changed = found.post;
      const jobs = await apply(found.post, found.targets);
      await this.repository.touch(found.post);
      return jobs;
    });
    return this.view(changed as PostEntity);
  }

  /** Runs the change in one transaction, then enqueues its jobs; a lost enqueue is caught by the overdue sweep. */
  private async commit(work: () => Promise<DueJob[]>): Promise<void> {
    const jobs = await this.tx.run(work);
    await this.queue.enqueueAll(jobs);
  }

  private async scheduleAndSave(
    context: RequestContext,
    post: PostEntity,
    targets: PostTargetEntity[],
    at: Date,
  ) {
    const jobs = await this.scheduler.schedule(context, post, targets, at);
    await this.repository.saveTargets(targets);
    return jobs;
  }

  private async newTarget(
    context: RequestContext,
    post: PostEntity,
    input: CreatePostDto['targets'][number],
    index: number,
    status: TargetStatus,
  ) {
    const connection = await this.connections.findOne(post.workspaceId, input.connectionId);
    if (!connection) throw new NotFoundError('Connection');
    if (connection.status !== 'active')
      throw new InvalidError(
        `The ${connection.platform} connection "${connection.name}" needs to be reconnected first`,
      );
    const mediaUrls = input.mediaUrls ?? [];
    const options = input.options ?? {};
    const mediaIds = input.mediaIds ?? [];
    const media = await this.media.resolve(context, connection.platform, mediaIds);
    this.assertRules(
      connection.platform,
      {
        text: input.text,
        title: input.title ?? null,
        mediaUrls: [...mediaUrls, ...media.map((item) => item.url)],
        options,
      },
      index,
    );
    return Object.assign(new PostTargetEntity(), {
      id: randomUUID(),
      postId: post.id,
      workspaceId: post.workspaceId,
      connectionId: connection.id,
      platform: connection.platform,
      text: input.text,
      title: input.title ?? null,
      mediaUrls,
      mediaIds,
      media,
      options,
      status,
      dueAt: null,
      holdReason: null,
      attemptCount: 0,
      externalId: null,
      externalUrl: null,
      publishedAt: null,
      errorClass: null,
      errorMessage: null,
      updatedAt: new Date(),
    } satisfies PostTargetEntity);
  }

  /** A violation of the platform's rules is a 400 naming the rule and the field. */
  private assertRules(
    platform: ConnectablePlatform,
    target: { text: string; title: string | null; mediaUrls: string[]; options: TargetOptions },
    index: number,
  ): void {
    const problems = this.providers.get(platform).check(target);
    if (problems.length > 0)
      throw new InvalidError(problems[0], {
        fields: [{ field: `targets.${index}.text`, messages: problems }],
      });
  }

  private async view(post: PostEntity): Promise<PostView> {
    const [view] = await this.views([post]);
    return view;
  }

  /** Posts with their targets, attempts and latest metrics: three queries however many posts. */
  private async views(posts: PostEntity[]): Promise<PostView[]> {
    const targets = await this.repository.targetsOf(posts.map((post) => post.id));
    const attempts = await this.repository.attemptsOf(targets.map((target) => target.id));
    const metrics = await this.metrics.of(targets.map((target) => target.id));
    return posts.map((post) => {
      const own = targets.filter((target) => target.postId === post.id);
      const ids = new Set(own.map((target) => target.id));
      return toPostView(
        post,
        own,
        attempts.filter((attempt) => ids.has(attempt.targetId)),
        metrics,
      );
    });
  }
}

function inState(targets: PostTargetEntity[], states: TargetStatus[], message: string): PostTargetEntity[] {
  const matching = targets.filter((target) => states.includes(target.status));
  if (matching.length === 0) throw new ConflictError(message);
  return matching;
}

/** A past time means now; more than a year ahead is a mistake worth a 400. */
function dueTime(iso: string): Date {
  const at = new Date(iso);
  if (at.getTime() - Date.now() > MAX_AHEAD_MS)
    throw new InvalidError('scheduledAt is more than a year ahead', {
      fields: [{ field: 'scheduledAt', messages: ['at most a year ahead'] }],
    });
  return new Date(Math.max(at.getTime(), Date.now()));
}
