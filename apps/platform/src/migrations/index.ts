import { MessagingTables1763800000000 } from '@app/messaging';
import { Publishing1763800500000 } from './1763800500000-Publishing.js';
import { PublishingSettings1763800510000 } from './1763800510000-PublishingSettings.js';
import { TargetOptions1763801050000 } from './1763801050000-TargetOptions.js';

/** Every migration of the platform schema, oldest first. */
export const PLATFORM_MIGRATIONS = [
  MessagingTables1763800000000,
  Publishing1763800500000,
  PublishingSettings1763800510000,
  TargetOptions1763801050000,
];
