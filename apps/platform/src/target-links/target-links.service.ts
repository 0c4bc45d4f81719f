import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  type ConnectablePlatform,
  ContentSubjects,
  DomainError,
  type LinkView,
  LinkSubjects,
  NotFoundError,
  shortLinkStandIn,
  type TargetOptions,
  type TargetStatus,
} from '@app/contracts';
import { TransactionHost } from '@app/database';
import { type RequestContext, RpcClient, systemWriteContext } from '@app/messaging';
import { LOGGER } from '@app/observability';
import type { PostEntity, PostTargetEntity, TargetLinkRef } from '../posts/post.entity.js';
import { PublishError } from '../providers/provider.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { campaignSlug, destinationOf, withShortLink } from './target-link.js';
import { TargetLinksRepository } from './target-links.repository.js';

/** Targets whose link no longer matters: gone out (or maybe gone out) with the link they had, or cancelled. */
const SETTLED: TargetStatus[] = ['publishing', 'published', 'unconfirmed', 'cancelled'];

type Published = { text: string; options: TargetOptions };

/**
 * The tracked links of post targets, made by analytics (`analytics.link.ensure-for-target`, one link per target:
 * the target id is the idempotency key). Drafting asks for them after its change commits, never inside a
 * transaction (called inside one, as a campaign's fill or an autopilot rule drafts, it asks nothing: the caller
 * completes the links after its commit); when analytics cannot be reached the target is kept without its link,
 * and publishing makes it before the platform is called.
 */
@Injectable()
export class TargetLinks {
  /** A short link of the real length (`<LINK_BASE_URL>/l/` and a code), for rule checks before the link exists. */
  private readonly standIn: string;

  constructor(
    private readonly tx: TransactionHost,
    private readonly rpc: RpcClient,
    private readonly repository: TargetLinksRepository,
    private readonly providers: ProviderRegistry,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.standIn = shortLinkStandIn(config.links.baseUrl);
  }

  /**
   * The product's URL, read from content: null without a product (or one of this workspace) or without a URL;
   * undefined when content did not answer, or when asked inside a transaction (content is not asked then).
   */
  async productUrl(context: RequestContext, productId: string | null): Promise<string | null | undefined> {
    if (productId === null) return null;
    if (this.tx.isActive) return undefined;
    try {
      return (await this.rpc.send(ContentSubjects.getProduct, { id: productId }, context)).destinationUrl;
    } catch (error) {
      if (!(error instanceof DomainError) || error.status < 500) return null;
      this.logger.warn({ err: error, productId }, "The product's URL could not be read");
      return undefined;
    }
  }

  /** Where the target's tracked link leads (target-link.ts), or null when it gets none. */
  destination(
    post: Pick<PostEntity, 'tracking'>,
    target: { platform: ConnectablePlatform; text: string; options: TargetOptions; tracking: boolean },
    productUrl: string | null,
  ): string | null {
    return destinationOf({
      text: target.text,
      options: target.options,
      tracking: post.tracking && target.tracking,
      productUrl,
      linkField: this.providers.get(target.platform).linkField,
    });
  }

  /** The text and options as the platform will get them, a short link of the real length in place: what rules check. */
  asPublished(
    target: { platform: ConnectablePlatform; text: string; options: TargetOptions },
    destination: string | null,
    link: TargetLinkRef | null,
  ): Published {
    const { linkField } = this.providers.get(target.platform);
    return withShortLink(target, linkField, destination, link?.shortUrl ?? this.standIn);
  }

  /**
   * Makes the links the targets of a committed change still need, in the caller's request chain. Never throws:
   * a target whose link could not be made keeps none until publishing makes it. Inside a transaction it does
   * nothing (see completePosts).
   */
  async complete(context: RequestContext, post: PostEntity, targets: PostTargetEntity[]): Promise<void> {
    if (this.tx.isActive) return;
    const pending = targets.filter((target) => needsLink(target) && !SETTLED.includes(target.status));
    await Promise.all(
      pending.map((target) =>
        this.ensure(context, post, target).catch((error: unknown) =>
          this.logger.warn(
            { err: error, targetId: target.id, correlationId: context.correlationId },
            'The tracked link was not made now; publishing makes it',
          ),
        ),
      ),
    );
  }

  /** What `complete` does for posts a caller drafted inside its own transaction, once that has committed. */
  async completePosts(context: RequestContext, postIds: readonly string[]): Promise<void> {
    const found = await this.repository.postsWithTargets(context.principal.workspaceId, postIds);
    await Promise.all(found.map(({ post, targets }) => this.complete(context, post, targets)));
  }

  /**
   * The text and options the platform gets, the short link in place of the destination; a target without its link
   * yet gets it first. Throws PublishError: retryable while analytics cannot be reached.
   */
  async forPublishing(post: PostEntity, target: PostTargetEntity, correlationId: string): Promise<Published> {
    if (needsLink(target)) {
      // A member scheduled this post; publishing finishes that work for them, so it may ask analytics to write.
      const context = systemWriteContext(post.workspaceId, correlationId);
      await this.ensure(context, post, target).catch((error: unknown) => {
        throw linkFailure(error);
      });
    }
    const { linkField } = this.providers.get(target.platform);
    return withShortLink(target, linkField, target.destinationUrl, target.link?.shortUrl ?? null);
  }

  /** Brings the target's link to its destination: the link it has, moved there, or the target's own link made. */
  private async ensure(context: RequestContext, post: PostEntity, target: PostTargetEntity): Promise<void> {
    const destination = target.destinationUrl as string;
    const moved = target.link ? await this.moved(context, target.link, destination) : null;
    const link = moved ?? (await this.made(context, post, target, destination));
    target.link = { id: link.id, shortUrl: link.shortUrl, url: link.url };
    await this.repository.storeLink(target.id, target.link);
  }

  /**
   * An edit changed the destination: the link keeps its short URL and takes the new destination. Null when its
   * owner deleted it meanwhile (a new one is made).
   */
  private async moved(context: RequestContext, link: TargetLinkRef, url: string): Promise<LinkView | null> {
    try {
      return await this.rpc.send(LinkSubjects.update, { id: link.id, patch: { url } }, context);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  private async made(
    context: RequestContext,
    post: PostEntity,
    target: PostTargetEntity,
    url: string,
  ): Promise<LinkView> {
    const name = post.campaignId
      ? await this.repository.campaignName(post.workspaceId, post.campaignId)
      : null;
    const slug = name === null ? undefined : campaignSlug(name);
    return this.rpc.send(
      LinkSubjects.ensureForTarget,
      {
        idempotencyKey: target.id,
        url,
        postId: post.id,
        targetId: target.id,
        connectionId: target.connectionId,
        platform: target.platform,
        ...(post.productId ? { productId: post.productId } : {}),
        ...(post.campaignId ? { campaignId: post.campaignId } : {}),
        ...(slug ? { campaignSlug: slug } : {}),
        ...(target.variant ? { variant: target.variant } : {}),
      },
      context,
    );
  }
}

/** The target leads somewhere and has no link there yet. */
function needsLink(target: PostTargetEntity): boolean {
  return target.destinationUrl !== null && target.link?.url !== target.destinationUrl;
}

/** Analytics out of reach is worth another try; a refusal is not. */
function linkFailure(error: unknown): PublishError {
  if (error instanceof DomainError && error.status < 500)
    return new PublishError('rejected_content', `The tracked link could not be made: ${error.message}`);
  return new PublishError('retryable', 'The tracked link could not be made yet; trying again shortly');
}
