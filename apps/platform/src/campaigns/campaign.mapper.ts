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
    status: campaign.status,
    endsAt: campaign.endsAt?.toISOString() ?? null,
    templates: campaign.templates.map(({ variant, text }) => ({ variant, text })),
    productIds: campaign.productIds,
    fillAheadDays: campaign.fillAheadDays,
    minGapHours: campaign.minGapHours,
    whenBankUsedUp: campaign.whenBankUsedUp,
    filledUntil: campaign.filledUntil?.toISOString() ?? null,
    bankUsedUpAt: campaign.bankUsedUpAt?.toISOString() ?? null,
    nextFreeSlotAt: nextFreeSlotAt?.toISOString() ?? null,
    autoWinner:
      campaign.autoWinnerMinTrials === null ? null : { minTrialsPerVariant: campaign.autoWinnerMinTrials },
    winner: campaign.winner && {
      ...campaign.winner,
      variants: campaign.winner.variants.map((row) => ({ ...row })),
    },
    createdAt: campaign.createdAt.toISOString(),
    updatedAt: campaign.updatedAt.toISOString(),
  };
}
