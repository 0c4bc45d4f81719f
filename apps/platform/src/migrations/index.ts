import { MESSAGING_MIGRATIONS } from '@app/messaging';
import { Publishing1763800500000 } from './1763800500000-Publishing.js';
import { PublishingSettings1763800510000 } from './1763800510000-PublishingSettings.js';
import { TargetOptions1763801050000 } from './1763801050000-TargetOptions.js';
import { PostMetrics1763801200000 } from './1763801200000-PostMetrics.js';
import { TargetMedia1763801300000 } from './1763801300000-TargetMedia.js';
import { Campaigns1763801310000 } from './1763801310000-Campaigns.js';
import { Webhooks1763801320000 } from './1763801320000-Webhooks.js';
import { TargetVariant1763801350000 } from './1763801350000-TargetVariant.js';
import { CampaignRuns1763801360000 } from './1763801360000-CampaignRuns.js';
import { AutopilotRules1763801400000 } from './1763801400000-AutopilotRules.js';
import { PostImports1763801410000 } from './1763801410000-PostImports.js';
import { PostTargetLinks1763801420000 } from './1763801420000-PostTargetLinks.js';
import { DistinctApprover1764100200000 } from './1764100200000-DistinctApprover.js';
import { CampaignWinner1764100400000 } from './1764100400000-CampaignWinner.js';

/** Every migration of the platform schema, oldest first. */
export const PLATFORM_MIGRATIONS = [
  ...MESSAGING_MIGRATIONS,
  Publishing1763800500000,
  PublishingSettings1763800510000,
  TargetOptions1763801050000,
  PostMetrics1763801200000,
  TargetMedia1763801300000,
  Campaigns1763801310000,
  Webhooks1763801320000,
  TargetVariant1763801350000,
  CampaignRuns1763801360000,
  AutopilotRules1763801400000,
  PostImports1763801410000,
  PostTargetLinks1763801420000,
  DistinctApprover1764100200000,
  CampaignWinner1764100400000,
];
