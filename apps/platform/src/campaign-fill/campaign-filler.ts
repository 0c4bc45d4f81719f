import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { type RequestContext, systemContext, systemWriteContext } from '@app/messaging';
import { LOGGER } from '@app/observability';
import { TransactionHost } from '@app/database';
import { type CampaignEntity, fillingTemplates, hasBank } from '../campaigns/campaign.entity.js';
import { scheduleOf } from '../campaigns/campaign.mapper.js';
import { CampaignLifecycleService } from '../campaigns/campaign-lifecycle.service.js';
import { CampaignPostsRepository } from '../campaigns/campaign-posts.repository.js';
import { slotsUntil } from '../campaigns/campaign-schedule.js';
import { CampaignSlotsRepository, type FilledSlotRow } from '../campaigns/campaign-slots.repository.js';
import { CampaignsRepository } from '../campaigns/campaigns.repository.js';
import { type ProductFacts, ProductFactsReader } from '../campaigns/product-facts.reader.js';
import { SlotBook, type SlotUse } from '../campaigns/slot-book.js';
import { ConnectionsReader } from '../connections/connections.reader.js';
import { defaultMediaIds, ProductImagesReader } from '../media/product-images.reader.js';
import { PostDraftingService } from '../posts/post-drafting.service.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { type Assignment, planRotation } from './rotation.js';

const CAMPAIGNS_PER_RUN = 20;
const HOUR_MS = 3_600_000;

/** What one fill of one campaign did. */
export interface FillOutcome {
  created: number;
  completed: boolean;
}

const NOTHING: FillOutcome = { created: 0, completed: false };

/**
 * Keeps the slots of banked campaigns filled `fillAheadDays` ahead: each free slot of each connection gets a
 * post drafted from the next product and template (PostDraftingService, so platform rules, review and safety
 * limits apply as to any post). A fill runs under the campaign's row lock and claims each slot's key before
 * drafting, so running it twice, or in two processes at once, never makes two posts for one slot.
 */
@Injectable()
export class CampaignFiller {
  constructor(
    private readonly tx: TransactionHost,
    private readonly campaigns: CampaignsRepository,
    private readonly slots: CampaignSlotsRepository,
    private readonly posts: CampaignPostsRepository,
    private readonly lifecycle: CampaignLifecycleService,
    private readonly products: ProductFactsReader,
    private readonly images: ProductImagesReader,
    private readonly connections: ConnectionsReader,
    private readonly providers: ProviderRegistry,
    private readonly drafting: PostDraftingService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Fills the campaigns that have fill work, one after another; one that fails does not hold up the rest. */
  async fillDue(): Promise<void> {
    for (const { id, workspaceId } of await this.campaigns.dueForFill(CAMPAIGNS_PER_RUN)) {
      try {
        const outcome = await this.fill(workspaceId, id);
        if (outcome.created > 0 || outcome.completed)
          this.logger.info({ campaignId: id, ...outcome }, 'Campaign slots filled');
      } catch (error) {
        this.logger.error(
          { err: error, campaignId: id },
          "Filling a campaign's slots failed; the next run tries again",
        );
      }
    }
  }

  /**
   * Fills the campaign's free slots up to its horizon, or completes it once its end has passed, or once its
   * bank is used up (`whenBankUsedUp: stop`) and the last of its posts went out.
   */
  async fill(workspaceId: string, id: string): Promise<FillOutcome> {
    const campaign = await this.campaigns.findOne(workspaceId, id);
    if (campaign?.status !== 'active') return NOTHING;
    if (campaign.endsAt && campaign.endsAt.getTime() <= Date.now())
      return this.complete(campaign, 'The campaign ended');
    if (!hasBank(campaign)) return NOTHING;
    if (campaign.bankUsedUpAt)
      return (await this.posts.hasUnderway(id))
        ? NOTHING
        : this.complete(campaign, 'Every template went out with every product');
    const context = systemContext(workspaceId);
    // Asked before the lock: the catalog lives in another service, and the lock should not wait for it.
    const products = await this.products.activeFacts(context, campaign.productIds);
    const images = new Map<string, string | null>();
    for (const product of products)
      images.set(product.id, await this.images.primaryImageId(context, product.id));
    const drafted = await this.tx.run(async () => {
      const locked = await this.campaigns.findForUpdate(workspaceId, id);
      if (locked?.status !== 'active' || !hasBank(locked)) return [];
      return this.fillLocked(context, locked, products, images);
    });
    // The posts' tracked links, asked of analytics once the fill has committed. The campaign's owner set the
    // bank up; its fill finishes that work for them, so it may ask analytics to write.
    await this.drafting.completeLinks(systemWriteContext(workspaceId, context.correlationId), drafted);
    return { created: drafted.length, completed: false };
  }

  private async complete(campaign: CampaignEntity, reason: string): Promise<FillOutcome> {
    await this.lifecycle.completeActive(campaign.workspaceId, campaign.id, reason);
    return { created: 0, completed: true };
  }

  /**
   * Drafts the posts of the campaign's free slots, each with its product's primary image where the platform
   * takes one (`images`, by product id); answers their ids.
   */
  private async fillLocked(
    context: RequestContext,
    campaign: CampaignEntity,
    facts: ProductFacts[],
    images: ReadonlyMap<string, string | null>,
  ): Promise<string[]> {
    const now = new Date();
    const horizon = new Date(
      Math.min(now.getTime() + campaign.fillAheadDays * 24 * HOUR_MS, campaign.endsAt?.getTime() ?? Infinity),
    );
    const slots = [...slotsUntil(scheduleOf(campaign), now, horizon)];
    const gapMs = campaign.minGapHours * HOUR_MS;
    const uses = await this.slots.slotUses(campaign.id, new Date(now.getTime() - gapMs));
    const keys = await this.slots.filledSlots(campaign.id);
    const products = campaign.productIds.flatMap((productId) =>
      facts.filter((fact) => fact.id === productId),
    );
    const drafted: string[] = [];
    let isUsedUp = true;
    for (const connectionId of campaign.connectionIds) {
      const connection = await this.connections.findOne(campaign.workspaceId, connectionId);
      if (connection?.status !== 'active') {
        isUsedUp = false;
        continue;
      }
      const provider = this.providers.get(connection.platform);
      const mediaOf = (productId: string) =>
        defaultMediaIds(connection.platform, images.get(productId) ?? null);
      const own = keys.filter((key) => key.connectionId === connectionId);
      const plan = planRotation({
        connectionId,
        slots,
        book: new SlotBook(bookOf(connectionId, uses, own)),
        templates: fillingTemplates(campaign),
        products,
        history: own,
        minGapMs: gapMs,
        isRepeating: campaign.whenBankUsedUp === 'repeat',
        // The rules count media, not read them: the image's id stands for the URL it resolves to.
        fits: (text, product) =>
          provider.check({ text, title: null, mediaUrls: mediaOf(product.id), options: {} }).length === 0,
      });
      isUsedUp &&= plan.isUsedUp;
      for (const assignment of plan.assignments) {
        const productUrl = products.find((product) => product.id === assignment.productId)?.url ?? null;
        const postId = await this.place(
          context,
          campaign,
          { connectionId, mediaIds: mediaOf(assignment.productId) },
          assignment,
          productUrl,
        );
        if (postId) drafted.push(postId);
      }
    }
    await this.campaigns.markFilled(
      campaign.id,
      horizon,
      isUsedUp && campaign.whenBankUsedUp === 'stop' ? now : null,
    );
    return drafted;
  }

  /** Claims the slot's key, then drafts its post (answering its id); a slot whose key exists is left alone. */
  private async place(
    context: RequestContext,
    campaign: CampaignEntity,
    { connectionId, mediaIds }: { connectionId: string; mediaIds: string[] },
    { at, productId, variant, text }: Assignment,
    productUrl: string | null,
  ): Promise<string | null> {
    const key = { campaignId: campaign.id, connectionId, slotAt: at };
    if (!(await this.slots.claim({ ...key, productId, variant }))) return null;
    const post = await this.drafting.create(
      context,
      {
        productId,
        campaignId: campaign.id,
        scheduledAt: at.toISOString(),
        targets: [{ connectionId, text, variant, ...(mediaIds.length > 0 ? { mediaIds } : {}) }],
      },
      { productUrl },
    );
    await this.slots.attachPost(key, post.id);
    return post.id;
  }
}

/** The slots the connection's posts hold (with their products), and those the bank ever filled there. */
function bookOf(connectionId: string, uses: readonly SlotUse[], keys: readonly FilledSlotRow[]): SlotUse[] {
  return [
    ...uses.filter((use) => use.connectionId === connectionId),
    ...keys.map((key) => ({ connectionId, at: key.slotAt, productId: null })),
  ];
}
