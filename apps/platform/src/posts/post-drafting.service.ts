import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type ConnectablePlatform,
  ConflictError,
  type CreatePostDto,
  DomainError,
  InvalidError,
  NotFoundError,
  type PostView,
  type TargetMediaView,
  type TargetOptions,
  type TargetStatus,
  type UpdatePostDto,
} from '@app/contracts';
import type { RequestContext } from '@app/messaging';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import type { ConnectionEntity } from '../connections/connection.entity.js';
import { ConnectionsReader } from '../connections/connections.reader.js';
import { TargetMediaResolver } from '../media/target-media.resolver.js';
import type { DueJob } from '../publishing/publish-queue.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { PublishingSettingsService } from '../settings/publishing-settings.service.js';
import { MAX_DESTINATION_LENGTH } from '../target-links/target-link.js';
import { TargetLinks } from '../target-links/target-links.service.js';
import { PostEntity, PostTargetEntity } from './post.entity.js';
import { PostChanges } from './post-changes.js';
import { dueTime, OPEN } from './post-states.js';
import { PostViewsService } from './post-views.service.js';
import { PostsRepository } from './posts.repository.js';

/**
 * What a post says and where it goes: creating one (each target checked against its platform's rules as it
 * will be published, its tracked link in place of its destination URL; a campaign slot; the review gate) and
 * editing its targets until they start publishing.
 */
@Injectable()
export class PostDraftingService {
  constructor(
    private readonly changes: PostChanges,
    private readonly repository: PostsRepository,
    private readonly views: PostViewsService,
    private readonly connections: ConnectionsReader,
    private readonly providers: ProviderRegistry,
    private readonly media: TargetMediaResolver,
    private readonly settings: PublishingSettingsService,
    private readonly campaigns: CampaignsService,
    private readonly links: TargetLinks,
  ) {}

  /**
   * `known.productUrl`: the product's URL when the caller has it (a campaign's fill, an autopilot rule), so content
   * is not asked again; drafting inside the caller's transaction never asks it.
   */
  async create(
    context: RequestContext,
    input: CreatePostDto,
    known: { productUrl?: string | null } = {},
  ): Promise<PostView> {
    const { requireReview } = await this.settings.get(context);
    const productUrl =
      known.productUrl !== undefined ? known.productUrl : await this.productUrlFor(context, input);
    const { post, targets } = await this.draft(context, input, {
      requireReview,
      productUrl: productUrl ?? null,
      reads: this.directReads,
    });
    await this.changes.commit(context, async () => {
      if (input.campaignId !== undefined) await this.joinCampaign(post, input.campaignId, targets);
      await this.repository.insert(post, targets);
      const jobs =
        post.scheduledAt === null || post.requiresReview
          ? []
          : await this.changes.scheduleAndSave(context, post, targets, post.scheduledAt);
      return { post, targets, jobs };
    });
    return this.views.view(post);
  }

  /**
   * Creates many posts under the rules of create(), for bulk imports: each connection and media set is read
   * once, and the posts are inserted, their events recorded and their jobs queued in bulk, in one transaction.
   * A post that breaks a rule is not created: its place in the answer holds the error create() would throw.
   * With `dryRun`, every rule is checked (the campaign's too) and nothing is saved.
   */
  async createMany(
    context: RequestContext,
    inputs: CreatePostDto[],
    { dryRun = false }: { dryRun?: boolean } = {},
  ): Promise<Array<PostEntity | DomainError>> {
    const { requireReview } = await this.settings.get(context);
    const reads = this.sharedReads();
    const outcomes: Array<Drafted | DomainError> = [];
    for (const input of inputs) {
      const productUrl = await this.productUrlFor(context, input, reads);
      outcomes.push(await settle(this.draft(context, input, { requireReview, productUrl, reads })));
    }
    await this.changes.commitMany(context, async () => {
      const jobs: DueJob[] = [];
      const postIds: string[] = [];
      let pending: Drafted[] = [];
      for (const [index, input] of inputs.entries()) {
        const drafted = outcomes[index];
        if (drafted instanceof DomainError) continue;
        if (input.campaignId !== undefined) {
          const joined = await settle(this.joinCampaign(drafted.post, input.campaignId, drafted.targets));
          if (joined instanceof DomainError) {
            outcomes[index] = joined;
            continue;
          }
        }
        pending.push(drafted);
        if (!dryRun) postIds.push(drafted.post.id);
        // A campaign post is saved at once, so that the campaign's next post finds its slot taken.
        if (input.campaignId !== undefined && !dryRun) {
          jobs.push(...(await this.changes.insertMany(context, pending)));
          pending = [];
        }
      }
      if (!dryRun) jobs.push(...(await this.changes.insertMany(context, pending)));
      return { postIds, jobs };
    });
    return outcomes.map((outcome) => (outcome instanceof DomainError ? outcome : outcome.post));
  }

  /**
   * Asks for the tracked links of posts the caller drafted inside its own transaction, once that has committed
   * (drafting asks nothing inside a transaction); those it cannot make now, publishing makes.
   */
  completeLinks(context: RequestContext, postIds: readonly string[]): Promise<void> {
    return this.links.completePosts(context, postIds);
  }

  /**
   * Edits targets not yet publishing, re-checking the platform rules; approval is needed again after an edit.
   * Each edited target's destination is decided again from its new text (its link then follows it).
   */
  async update(context: RequestContext, id: string, input: UpdatePostDto): Promise<PostView> {
    const productUrl = await this.productUrlOf(context, id);
    return this.changes.change(context, id, async (post, targets) => {
      const edited: PostTargetEntity[] = [];
      for (const [index, patch] of input.targets.entries()) {
        const target = targets.find((candidate) => candidate.id === patch.id);
        if (!target) throw new NotFoundError('Target');
        if (!OPEN.includes(target.status))
          throw new ConflictError(`Target ${target.id} is ${target.status} and can no longer be edited`);
        const next = {
          text: patch.text ?? target.text,
          title: patch.title ?? target.title,
          mediaUrls: patch.mediaUrls ?? target.mediaUrls,
          options: patch.options ?? target.options,
          tracking: patch.tracking ?? target.tracking,
          ...(patch.mediaIds === undefined
            ? {}
            : {
                mediaIds: patch.mediaIds,
                media: await this.media.resolve(context, target.platform, patch.mediaIds),
              }),
        };
        // Content out of reach: the destination the target had stands in for the product's URL.
        const product = productUrl === undefined ? target.destinationUrl : productUrl;
        const destinationUrl = this.links.destination(post, { ...next, platform: target.platform }, product);
        this.assertRules(
          target.platform,
          {
            ...next,
            mediaUrls: [...next.mediaUrls, ...(next.media ?? target.media).map((item) => item.url)],
          },
          { index, destinationUrl, link: target.link },
        );
        Object.assign(target, next, { destinationUrl });
        // A paused target stays held; its campaign's resume asks for the approval again.
        if (post.requiresReview && target.status !== 'paused')
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

  /** A post and its targets, checked against every rule that needs no transaction; nothing is saved. */
  private async draft(
    context: RequestContext,
    input: CreatePostDto,
    how: { requireReview: boolean; productUrl: string | null; reads: TargetReads },
  ): Promise<Drafted> {
    const scheduledAt = input.scheduledAt === undefined ? null : dueTime(input.scheduledAt);
    const now = new Date();
    const post = Object.assign(new PostEntity(), {
      id: randomUUID(),
      workspaceId: context.principal.workspaceId,
      productId: input.productId ?? null,
      campaignId: input.campaignId ?? null,
      requiresReview: how.requireReview || (input.requireReview ?? false),
      tracking: input.tracking ?? true,
      reviewNote: null,
      reviewedBy: null,
      scheduledAt,
      createdBy: context.principal.userId,
      createdAt: now,
      updatedAt: now,
    });
    const initial: TargetStatus = post.requiresReview ? 'needs_review' : 'draft';
    const targets = await Promise.all(
      input.targets.map((target, index) =>
        this.newTarget(
          context,
          post,
          { target, index, status: initial, productUrl: how.productUrl },
          how.reads,
        ),
      ),
    );
    return { post, targets };
  }

  private readonly directReads: TargetReads = {
    connection: (workspaceId, id) => this.connections.findOne(workspaceId, id),
    media: (context, platform, ids) => this.media.resolve(context, platform, ids),
    productUrl: async (context, productId) => (await this.links.productUrl(context, productId)) ?? null,
  };

  /** Reads remembered for one batch: its posts mostly share connections and media. */
  private sharedReads(): TargetReads {
    const connections = new Map<string, Promise<ConnectionEntity | null>>();
    const media = new Map<string, Promise<TargetMediaView[]>>();
    const productUrls = new Map<string, Promise<string | null>>();
    return {
      connection: (workspaceId, id) =>
        remembered(connections, id, () => this.connections.findOne(workspaceId, id)),
      media: (context, platform, ids) =>
        remembered(media, `${platform} ${ids.join(' ')}`, () => this.media.resolve(context, platform, ids)),
      productUrl: (context, productId) =>
        remembered(
          productUrls,
          productId ?? '',
          async () => (await this.links.productUrl(context, productId)) ?? null,
        ),
    };
  }

  /**
   * The URL of the product of a post being drafted, when any of its targets is tracked (see TargetLinks.productUrl;
   * null too when content did not answer). A batch's reads look each product up once, whichever row asks first.
   */
  private async productUrlFor(
    context: RequestContext,
    input: CreatePostDto,
    reads: TargetReads = this.directReads,
  ): Promise<string | null> {
    const isTracked = (input.tracking ?? true) && input.targets.some((target) => target.tracking !== false);
    return isTracked ? reads.productUrl(context, input.productId ?? null) : null;
  }

  /** The URL of the post's product (see TargetLinks.productUrl); undefined when content did not answer. */
  private async productUrlOf(context: RequestContext, id: string): Promise<string | null | undefined> {
    const post = await this.repository.findOne(context.principal.workspaceId, id);
    if (!post?.tracking) return null;
    return this.links.productUrl(context, post.productId);
  }

  private async newTarget(
    context: RequestContext,
    post: PostEntity,
    draft: {
      target: CreatePostDto['targets'][number];
      index: number;
      status: TargetStatus;
      productUrl: string | null;
    },
    reads: TargetReads,
  ) {
    const { target: input, index, status } = draft;
    const connection = await reads.connection(post.workspaceId, input.connectionId);
    if (!connection) throw new NotFoundError('Connection');
    if (connection.status !== 'active')
      throw new InvalidError(
        `The ${connection.platform} connection "${connection.name}" needs to be reconnected first`,
      );
    const mediaUrls = input.mediaUrls ?? [];
    const options = input.options ?? {};
    const mediaIds = input.mediaIds ?? [];
    const media = await reads.media(context, connection.platform, mediaIds);
    const tracking = input.tracking ?? true;
    const destinationUrl = this.links.destination(
      post,
      { platform: connection.platform, text: input.text, options, tracking },
      draft.productUrl,
    );
    this.assertRules(
      connection.platform,
      {
        text: input.text,
        title: input.title ?? null,
        mediaUrls: [...mediaUrls, ...media.map((item) => item.url)],
        options,
      },
      { index, destinationUrl, link: null },
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
      variant: input.variant ?? null,
      tracking,
      destinationUrl,
      link: null,
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

  /**
   * A violation of the platform's rules is a 400 naming the rule and the field. The rules see the target as it
   * will be published: its destination replaced by a short link of the real length.
   */
  private assertRules(
    platform: ConnectablePlatform,
    target: { text: string; title: string | null; mediaUrls: string[]; options: TargetOptions },
    link: { index: number; destinationUrl: string | null; link: PostTargetEntity['link'] },
  ): void {
    const field = `targets.${link.index}.text`;
    if (link.destinationUrl !== null && link.destinationUrl.length > MAX_DESTINATION_LENGTH) {
      const message = `A tracked link leads to at most ${MAX_DESTINATION_LENGTH} characters of URL; this one has ${link.destinationUrl.length}`;
      throw new InvalidError(message, { fields: [{ field, messages: [message] }] });
    }
    const published = this.links.asPublished({ ...target, platform }, link.destinationUrl, link.link);
    const problems = this.providers.get(platform).check({ ...target, ...published });
    if (problems.length > 0) throw new InvalidError(problems[0], { fields: [{ field, messages: problems }] });
  }
}

/** What creating a target reads; a batch shares one set, so each connection and media set is read once. */
interface TargetReads {
  connection(workspaceId: string, id: string): Promise<ConnectionEntity | null>;
  media(context: RequestContext, platform: ConnectablePlatform, ids: string[]): Promise<TargetMediaView[]>;
  productUrl(context: RequestContext, productId: string | null): Promise<string | null>;
}

/** A post checked against the rules, with its targets, not yet saved. */
interface Drafted {
  post: PostEntity;
  targets: PostTargetEntity[];
}

function remembered<T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = read();
    cache.set(key, value);
  }
  return value;
}

/** The work's result, or the domain error it failed with (the answer create() would give); others are thrown. */
async function settle<T>(work: Promise<T>): Promise<T | DomainError> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}
