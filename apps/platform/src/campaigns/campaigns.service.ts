import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type CampaignScheduleDto,
  type CampaignView,
  ConflictError,
  type CreateCampaignDto,
  InvalidError,
  NotFoundError,
  type UpdateCampaignDto,
} from '@app/contracts';
import { TransactionHost } from '@app/database';
import type { RequestContext } from '@app/messaging';
import { ConnectionsReader } from '../connections/connections.reader.js';
import { bankTemplates, endOf } from './campaign-bank.js';
import { CampaignEntity, hasBank, holdingWinner } from './campaign.entity.js';
import { CampaignFillQueue } from './campaign-fill.queue.js';
import { scheduleOf, toCampaignView } from './campaign.mapper.js';
import { isTimeZone, slotsUntil } from './campaign-schedule.js';
import { CampaignSlotsRepository } from './campaign-slots.repository.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { ProductFactsReader } from './product-facts.reader.js';
import { SlotBook } from './slot-book.js';

/** Fields whose change gives the bank new work: the fill plans again from now. */
const REFILLING: Array<keyof UpdateCampaignDto> = [
  'connectionIds',
  'schedule',
  'endsAt',
  'templates',
  'productIds',
  'fillAheadDays',
  'minGapHours',
  'whenBankUsedUp',
];

/**
 * The rules of campaigns: who may change one, what a schedule and a bank are, and which slot a new post
 * takes. Pausing, resuming and completing are CampaignLifecycleService's.
 */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: CampaignsRepository,
    private readonly slots: CampaignSlotsRepository,
    private readonly connections: ConnectionsReader,
    private readonly products: ProductFactsReader,
    private readonly fill: CampaignFillQueue,
  ) {}

  async create(context: RequestContext, input: CreateCampaignDto): Promise<CampaignView> {
    const { workspaceId, userId } = context.principal;
    assertSchedule(input.schedule);
    await this.assertConnections(workspaceId, input.connectionIds);
    const templates = bankTemplates(input.templates ?? []);
    const endsAt = endOf(input.endsAt);
    await this.products.assertExist(context, input.productIds ?? []);
    const now = new Date();
    const campaign = Object.assign(new CampaignEntity(), {
      id: randomUUID(),
      workspaceId,
      name: input.name,
      tags: input.tags ?? [],
      connectionIds: input.connectionIds,
      ...normalSchedule(input.schedule),
      status: 'active',
      endsAt,
      templates,
      productIds: input.productIds ?? [],
      fillAheadDays: input.fillAheadDays ?? 7,
      minGapHours: input.minGapHours ?? 24,
      whenBankUsedUp: input.whenBankUsedUp ?? 'repeat',
      filledUntil: null,
      bankUsedUpAt: null,
      autoWinnerMinTrials: input.autoWinner?.minTrialsPerVariant ?? null,
      winner: null,
      winnerCheckedAt: null,
      createdBy: userId,
      createdAt: now,
      updatedAt: now,
    } satisfies CampaignEntity);
    await this.repository.insert(campaign);
    if (hasBank(campaign)) await this.fill.request();
    return this.view(campaign);
  }

  async list(context: RequestContext): Promise<CampaignView[]> {
    const campaigns = await this.repository.list(context.principal.workspaceId);
    return Promise.all(campaigns.map((campaign) => this.view(campaign)));
  }

  async get(context: RequestContext, id: string): Promise<CampaignView> {
    const campaign = await this.repository.findOne(context.principal.workspaceId, id);
    if (!campaign) throw new NotFoundError('Campaign');
    return this.view(campaign);
  }

  /**
   * Changes apply to posts added from now on; posts already in a slot keep it. A change to the schedule,
   * the connections, the end or the bank has the bank fill again from its new settings. Removing the
   * template of the winning variant undoes the winner: the bank rotates what is left.
   */
  async update(context: RequestContext, id: string, patch: UpdateCampaignDto): Promise<CampaignView> {
    const { workspaceId } = context.principal;
    if (patch.schedule) assertSchedule(patch.schedule);
    if (patch.connectionIds) await this.assertConnections(workspaceId, patch.connectionIds);
    const templates = patch.templates && bankTemplates(patch.templates);
    const endsAt = patch.endsAt === undefined ? undefined : endOf(patch.endsAt);
    if (patch.productIds) await this.products.assertExist(context, patch.productIds);
    const isRefill = REFILLING.some((field) => patch[field] !== undefined);
    const campaign = await this.tx.run(async () => {
      const found = await this.repository.findForUpdate(workspaceId, id);
      if (!found) throw new NotFoundError('Campaign');
      Object.assign(found, {
        ...defined({
          name: patch.name,
          tags: patch.tags,
          connectionIds: patch.connectionIds,
          endsAt,
          templates,
          productIds: patch.productIds,
          fillAheadDays: patch.fillAheadDays,
          minGapHours: patch.minGapHours,
          whenBankUsedUp: patch.whenBankUsedUp,
          autoWinnerMinTrials:
            patch.autoWinner === undefined ? undefined : (patch.autoWinner?.minTrialsPerVariant ?? null),
        }),
        ...(patch.schedule === undefined ? {} : normalSchedule(patch.schedule)),
        ...(isRefill ? { filledUntil: null, bankUsedUpAt: null } : {}),
        updatedAt: new Date(),
      });
      const winner = holdingWinner(found);
      if (winner && !found.templates.some((template) => template.variant === winner.variant))
        found.winner = {
          ...winner,
          undoneAt: new Date().toISOString(),
          undoneBy: context.principal.userId,
          undoReason: 'Its template was removed from the bank',
        };
      await this.repository.save(found);
      return found;
    });
    if (isRefill && campaign.status === 'active' && hasBank(campaign)) await this.fill.request();
    return this.view(campaign);
  }

  /**
   * Deletes the campaign; its posts stay as they are (same targets, same times), no longer in a campaign, so
   * nothing already scheduled is lost or moved.
   */
  async delete(context: RequestContext, id: string): Promise<void> {
    const { workspaceId } = context.principal;
    const deleted = await this.tx.run(async () => {
      if (!(await this.repository.findForUpdate(workspaceId, id))) return false;
      await this.repository.delete(workspaceId, id);
      return true;
    });
    if (!deleted) throw new NotFoundError('Campaign');
  }

  /**
   * Checks a post may join the campaign: it exists in the workspace, is active (a paused or completed one
   * takes no post) and owns every target's connection.
   */
  async assertPostFits(
    workspaceId: string,
    campaignId: string,
    connectionIds: string[],
  ): Promise<CampaignEntity> {
    const campaign = await this.repository.findForUpdate(workspaceId, campaignId);
    if (!campaign) throw new NotFoundError('Campaign');
    if (campaign.status !== 'active')
      throw new ConflictError(
        campaign.status === 'paused'
          ? `The campaign "${campaign.name}" is paused: resume it to add posts`
          : `The campaign "${campaign.name}" is completed and takes no more posts`,
      );
    const outside = connectionIds.find((connectionId) => !campaign.connectionIds.includes(connectionId));
    if (outside)
      throw new InvalidError(`Connection ${outside} is not one of the campaign "${campaign.name}"`, {
        fields: [{ field: 'targets', messages: ['every target must use a connection of the campaign'] }],
      });
    return campaign;
  }

  /**
   * The first slot of the schedule after now (and before the campaign's end) where none of `connectionIds`
   * has a target of the campaign. Call inside the transaction that inserts the post, after assertPostFits
   * locked the campaign.
   */
  async nextFreeSlot(campaign: CampaignEntity, connectionIds: string[]): Promise<Date> {
    const slot = await this.firstFree(campaign, connectionIds);
    if (!slot)
      throw new ConflictError(
        campaign.endsAt
          ? `The campaign "${campaign.name}" has no free slot before it ends`
          : `The campaign "${campaign.name}" has no free slot in the next year`,
      );
    return slot;
  }

  /** The campaign as the API shows it; the next free slot only while it is active. */
  async view(campaign: CampaignEntity): Promise<CampaignView> {
    const next = campaign.status === 'active' ? await this.firstFree(campaign, campaign.connectionIds) : null;
    return toCampaignView(campaign, next);
  }

  private async firstFree(campaign: CampaignEntity, connectionIds: string[]): Promise<Date | null> {
    const now = new Date();
    const book = new SlotBook(await this.slots.slotUses(campaign.id, now));
    return book.firstFree(slotsUntil(scheduleOf(campaign), now, campaign.endsAt), connectionIds);
  }

  private async assertConnections(workspaceId: string, connectionIds: string[]): Promise<void> {
    for (const connectionId of connectionIds) {
      if (!(await this.connections.findOne(workspaceId, connectionId)))
        throw new NotFoundError(`Connection ${connectionId}`);
    }
  }
}

function assertSchedule(schedule: CampaignScheduleDto): void {
  if (!isTimeZone(schedule.timezone))
    throw new InvalidError(`timezone "${schedule.timezone}" is not an IANA time zone such as Europe/Paris`, {
      fields: [{ field: 'schedule.timezone', messages: ['must be an IANA time zone'] }],
    });
}

function normalSchedule(schedule: CampaignScheduleDto) {
  return { timezone: schedule.timezone, days: schedule.days, times: [...schedule.times].sort() };
}

/** The fields of `values` that are not undefined: those a patch sets. */
function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
