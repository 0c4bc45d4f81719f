import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type ConnectablePlatform,
  ConflictError,
  type CreatePostDto,
  InvalidError,
  NotFoundError,
  type PostView,
  type TargetOptions,
  type TargetStatus,
  type UpdatePostDto,
} from '@app/contracts';
import type { RequestContext } from '@app/messaging';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { ConnectionsReader } from '../connections/connections.reader.js';
import { TargetMediaResolver } from '../media/target-media.resolver.js';
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
    const scheduledAt = input.scheduledAt === undefined ? null : dueTime(input.scheduledAt);
    const now = new Date();
    const post = Object.assign(new PostEntity(), {
      id: randomUUID(),
      workspaceId: context.principal.workspaceId,
      productId: input.productId ?? null,
      campaignId: input.campaignId ?? null,
      requiresReview: (await this.settings.get(context)).requireReview || (input.requireReview ?? false),
      tracking: input.tracking ?? true,
      reviewNote: null,
      reviewedBy: null,
      scheduledAt,
      createdBy: context.principal.userId,
      createdAt: now,
      updatedAt: now,
    });
    const initial: TargetStatus = post.requiresReview ? 'needs_review' : 'draft';
    const isTracked = post.tracking && input.targets.some((target) => target.tracking !== false);
    const productUrl = !isTracked
      ? null
      : known.productUrl !== undefined
        ? known.productUrl
        : await this.links.productUrl(context, post.productId);
    const targets = await Promise.all(
      input.targets.map((target, index) =>
        this.newTarget(context, post, { target, index, status: initial, productUrl: productUrl ?? null }),
      ),
    );
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
  ) {
    const { target: input, index, status } = draft;
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
