import { randomUUID } from 'node:crypto';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  type ConnectablePlatform,
  ContentSubjects,
  CopySubjects,
  type CreatePostDto,
  DomainError,
  NotFoundError,
  type ProductView,
} from '@app/contracts';
import { TransactionHost } from '@app/database';
import { type RequestContext, RpcClient, systemContext } from '@app/messaging';
import { isPlatform, type Platform } from '@app/platform-rules';
import { ConnectionsReader } from '../connections/connections.reader.js';
import { defaultMediaIds, ProductImagesReader } from '../media/product-images.reader.js';
import { PostDraftingService } from '../posts/post-drafting.service.js';
import { AutopilotActor } from './autopilot-actor.js';
import { AutopilotRuleEntity, AutopilotRunEntity } from './autopilot.entity.js';
import { matchFilter } from './autopilot-filter.js';
import { type AutopilotJob, AutopilotJobs } from './autopilot-jobs.js';
import { AutopilotRepository } from './autopilot.repository.js';

/** A step of a run failed; `isFinal` unless another try could go differently (a timeout, a 5xx). */
class RunStepError extends Error {
  constructor(
    message: string,
    readonly isFinal: boolean,
  ) {
    super(message);
  }
}

/** Runs `work`, naming the step in the message of its failure. */
async function step<T>(label: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new RunStepError(`${label}${error.message}`, error.status < 500);
  }
}

/**
 * One rule looks at one product: reads it, checks the filter, writes its copy for each connection's platform
 * and creates the post (with the product's primary image where the platform takes one) through PostDraftingService in the campaign's next free slot (review gate and platform
 * rules included, safety limits at dispatch). The run is claimed in the transaction that creates the post, so a
 * product gets one post per rule however often it arrives; a failure records why nothing was posted.
 */
@Injectable()
export class AutopilotRunner implements OnApplicationBootstrap {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: AutopilotRepository,
    private readonly jobs: AutopilotJobs,
    private readonly rpc: RpcClient,
    private readonly actor: AutopilotActor,
    private readonly connections: ConnectionsReader,
    private readonly drafting: PostDraftingService,
    private readonly images: ProductImagesReader,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work(
      (job) => this.run(job),
      1,
      (job, error) => this.recordGiveUp(job, error),
    );
  }

  async run(job: AutopilotJob): Promise<void> {
    const rule = await this.repository.findRule(job.workspaceId, job.ruleId);
    if (!rule?.isEnabled) return;
    const earlier = await this.repository.findRun(rule.id, job.productId);
    if (earlier && earlier.outcome !== 'not_matched') {
      await this.repository.lookedAgain(rule.id, job.productId);
      return;
    }
    const product = await this.product(job);
    if (!product) return;
    const verdict = matchFilter(rule.filter, product);
    if (!verdict.isMatch) {
      await this.repository.claim(runOf(rule, product, { outcome: 'not_matched', reason: verdict.reason }));
      return;
    }
    try {
      await this.post(rule, product, job.correlationId);
    } catch (error) {
      if (!(error instanceof RunStepError) || !error.isFinal) throw error;
      await this.repository.claim(runOf(rule, product, { outcome: 'skipped', reason: error.message }));
    }
  }

  /** The product as content has it now; null once deleted. */
  private async product(job: AutopilotJob): Promise<ProductView | null> {
    try {
      const context = systemContext(job.workspaceId, job.correlationId);
      return await this.rpc.send(ContentSubjects.getProduct, { id: job.productId }, context);
    } catch (error) {
      if (error instanceof DomainError && error.status === 404) return null;
      throw error;
    }
  }

  private async post(rule: AutopilotRuleEntity, product: ProductView, correlationId: string): Promise<void> {
    const context = await step('', () => this.actor.contextOf(rule, correlationId));
    const platforms = await step('', () => this.platformsOf(rule));
    const input = await step('copy generation failed: ', () => this.draft(context, rule, product, platforms));
    const imageId = await step('', () => this.images.primaryImageId(context, product.id));
    for (const target of input.targets) {
      const mediaIds = defaultMediaIds(platforms.get(target.connectionId) as ConnectablePlatform, imageId);
      if (mediaIds.length > 0) target.mediaIds = mediaIds;
    }
    const postId = await step('', () =>
      this.tx.run(async () => {
        const claimed = await this.repository.claim(
          runOf(rule, product, { outcome: 'awaiting_review', reason: null }),
        );
        if (!claimed) return null;
        const post = await this.drafting.create(context, input, { productUrl: product.destinationUrl });
        await this.repository.settle(rule.id, product.id, {
          outcome: post.requiresReview ? 'awaiting_review' : 'scheduled',
          reason: null,
          postId: post.id,
          scheduledAt: post.requiresReview || !post.scheduledAt ? null : new Date(post.scheduledAt),
        });
        return post.id;
      }),
    );
    // Its tracked links, asked of analytics once the post is committed.
    if (postId) await this.drafting.completeLinks(context, [postId]);
  }

  /** The platform of each of the rule's connections, by connection id. */
  private async platformsOf(rule: AutopilotRuleEntity): Promise<Map<string, ConnectablePlatform>> {
    const platforms = new Map<string, ConnectablePlatform>();
    for (const connectionId of rule.connectionIds) {
      const connection = await this.connections.findOne(rule.workspaceId, connectionId);
      if (!connection) throw new NotFoundError(`Connection ${connectionId}`);
      platforms.set(connectionId, connection.platform);
    }
    return platforms;
  }

  /**
   * The post the compose page would make: each connection's platform gets its own first copy variant. The
   * product's primary image is added by the caller.
   */
  private async draft(
    context: RequestContext,
    rule: AutopilotRuleEntity,
    product: ProductView,
    connectionPlatforms: Map<string, ConnectablePlatform>,
  ): Promise<CreatePostDto> {
    const platforms = new Map(
      [...connectionPlatforms].map(([connectionId, platform]) => [connectionId, copyPlatformOf(platform)]),
    );
    const copy = await this.rpc.send(
      CopySubjects.generate,
      {
        productId: product.id,
        options: {
          platforms: [...new Set(platforms.values())],
          tone: rule.tone,
          language: rule.language,
          mode: rule.copyMode,
        },
      },
      context,
    );
    const targets = rule.connectionIds.map((connectionId) => {
      const item = copy.items.find(
        (candidate) => candidate.platform === platforms.get(connectionId) && candidate.variant === 1,
      );
      if (!item) throw new NotFoundError(`Copy for ${platforms.get(connectionId)}`);
      return { connectionId, text: item.text, ...(item.title ? { title: item.title } : {}) };
    });
    return { productId: product.id, campaignId: rule.campaignId, targets, requireReview: rule.requireReview };
  }

  /** The last try failed too: the run says so, unless another job acted on the product meanwhile. */
  private async recordGiveUp(job: AutopilotJob, error: unknown): Promise<void> {
    const rule = await this.repository.findRule(job.workspaceId, job.ruleId);
    if (!rule) return;
    const reason = error instanceof Error ? error.message : 'an unexpected failure';
    await this.repository.claim(
      runOf(rule, { id: job.productId, title: null }, { outcome: 'skipped', reason: `gave up: ${reason}` }),
    );
  }
}

/** Connections of a platform without its own copy rules (webhook, manual) get copy written as for Facebook. */
function copyPlatformOf(platform: string): Platform {
  return isPlatform(platform) ? platform : 'facebook';
}

function runOf(
  rule: AutopilotRuleEntity,
  product: { id: string; title: string | null },
  outcome: Pick<AutopilotRunEntity, 'outcome' | 'reason'>,
): AutopilotRunEntity {
  return Object.assign(new AutopilotRunEntity(), {
    id: randomUUID(),
    ruleId: rule.id,
    workspaceId: rule.workspaceId,
    productId: product.id,
    productTitle: product.title,
    ...outcome,
    postId: null,
    scheduledAt: null,
    looks: 1,
    updatedAt: new Date(),
  } satisfies AutopilotRunEntity);
}
