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
import { CampaignEntity } from './campaign.entity.js';
import { scheduleOf, toCampaignView } from './campaign.mapper.js';
import { isTimeZone, slotsAfter } from './campaign-schedule.js';
import { CampaignsRepository } from './campaigns.repository.js';

/** The rules of campaigns: who may change one, what a schedule is, and which slot a new post takes. */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: CampaignsRepository,
    private readonly connections: ConnectionsReader,
  ) {}

  async create(context: RequestContext, input: CreateCampaignDto): Promise<CampaignView> {
    const { workspaceId, userId } = context.principal;
    assertSchedule(input.schedule);
    await this.assertConnections(workspaceId, input.connectionIds);
    const now = new Date();
    const campaign = Object.assign(new CampaignEntity(), {
      id: randomUUID(),
      workspaceId,
      name: input.name,
      tags: input.tags ?? [],
      connectionIds: input.connectionIds,
      ...normalSchedule(input.schedule),
      createdBy: userId,
      createdAt: now,
      updatedAt: now,
    } satisfies CampaignEntity);
    await this.repository.insert(campaign);
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

  /** Changes apply to posts added from now on; posts already in a slot keep it. */
  async update(context: RequestContext, id: string, patch: UpdateCampaignDto): Promise<CampaignView> {
    const { workspaceId } = context.principal;
    if (patch.schedule) assertSchedule(patch.schedule);
    if (patch.connectionIds) await this.assertConnections(workspaceId, patch.connectionIds);
    const campaign = await this.tx.run(async () => {
      const found = await this.repository.findForUpdate(workspaceId, id);
      if (!found) throw new NotFoundError('Campaign');
      Object.assign(found, {
        ...(patch.name === undefined ? {} : { name: patch.name }),
        ...(patch.tags === undefined ? {} : { tags: patch.tags }),
        ...(patch.connectionIds === undefined ? {} : { connectionIds: patch.connectionIds }),
        ...(patch.schedule === undefined ? {} : normalSchedule(patch.schedule)),
        updatedAt: new Date(),
      });
      await this.repository.save(found);
      return found;
    });
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

  /** The campaign's name, or null when the workspace has no such campaign (any more). */
  async nameOf(workspaceId: string, id: string): Promise<string | null> {
    return (await this.repository.findOne(workspaceId, id))?.name ?? null;
  }

  /** Checks a post may join the campaign: it exists in the workspace and owns every target's connection. */
  async assertPostFits(
    workspaceId: string,
    campaignId: string,
    connectionIds: string[],
  ): Promise<CampaignEntity> {
    const campaign = await this.repository.findForUpdate(workspaceId, campaignId);
    if (!campaign) throw new NotFoundError('Campaign');
    const outside = connectionIds.find((connectionId) => !campaign.connectionIds.includes(connectionId));
    if (outside)
      throw new InvalidError(`Connection ${outside} is not one of the campaign "${campaign.name}"`, {
        fields: [{ field: 'targets', messages: ['every target must use a connection of the campaign'] }],
      });
    return campaign;
  }

  /**
   * The first slot of the schedule after now where none of `connectionIds` has a target of the campaign.
   * Call inside the transaction that inserts the post, after assertPostFits locked the campaign.
   */
  async nextFreeSlot(campaign: CampaignEntity, connectionIds: string[]): Promise<Date> {
    const slot = await this.firstFree(campaign, connectionIds);
    if (!slot) throw new ConflictError(`The campaign "${campaign.name}" has no free slot in the next year`);
    return slot;
  }

  private async firstFree(campaign: CampaignEntity, connectionIds: string[]): Promise<Date | null> {
    const now = new Date();
    const taken = await this.repository.takenSlots(campaign.id, connectionIds, now);
    for (const slot of slotsAfter(scheduleOf(campaign), now)) {
      if (!taken.has(slot.getTime())) return slot;
    }
    return null;
  }

  private async view(campaign: CampaignEntity): Promise<CampaignView> {
    return toCampaignView(campaign, await this.firstFree(campaign, campaign.connectionIds));
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
