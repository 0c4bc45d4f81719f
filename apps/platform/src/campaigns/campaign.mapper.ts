import type { CampaignScheduleView, CampaignView } from '@app/contracts';
import type { CampaignEntity } from './campaign.entity.js';

export function scheduleOf(campaign: CampaignEntity): CampaignScheduleView {
  return { timezone: campaign.timezone, days: campaign.days, times: campaign.times };
}

/** The only shape of a campaign that leaves the service. */
export function toCampaignView(campaign: CampaignEntity, nextFreeSlotAt: Date | null): CampaignView {
  return {
    id: campaign.id,
    name: campaign.name,
    tags: campaign.tags,
    connectionIds: campaign.connectionIds,
    schedule: scheduleOf(campaign),
    nextFreeSlotAt: nextFreeSlotAt?.toISOString() ?? null,
    createdAt: campaign.createdAt.toISOString(),
    updatedAt: campaign.updatedAt.toISOString(),
  };
}
