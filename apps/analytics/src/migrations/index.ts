import { MESSAGING_MIGRATIONS } from '@app/messaging';
import { WorkspaceCounters1763800300000 } from './1763800300000-WorkspaceCounters.js';
import { TrackedLinks1763900600000 } from './1763900600000-TrackedLinks.js';
import { CampaignAttribution1764000000000 } from './1764000000000-CampaignAttribution.js';
import { ShopifyWebhookDeliveries1764100800000 } from './1764100800000-ShopifyWebhookDeliveries.js';

/** Every migration of the analytics schema, oldest first. */
export const ANALYTICS_MIGRATIONS = [
  ...MESSAGING_MIGRATIONS,
  WorkspaceCounters1763800300000,
  TrackedLinks1763900600000,
  CampaignAttribution1764000000000,
  ShopifyWebhookDeliveries1764100800000,
];
