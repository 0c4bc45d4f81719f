import type { CopySettingsView } from '@app/contracts';
import { type Platform, rulesFor, unhashtag } from '@app/platform-rules';
import type { ProductFacts } from './product-facts.js';

/** What affiliate copy carries when a workspace has not chosen its own wording. */
export const DEFAULT_DISCLOSURE = '#ad';

/**
 * The disclosure a product's copy must carry on a platform, or undefined when it is not affiliate. On a
 * platform without hashtags (Etsy) its `#` signs are dropped: `#ad` becomes `Ad`.
 */
export function disclosureFor(
  facts: ProductFacts,
  platform: Platform,
  settings: CopySettingsView,
): string | undefined {
  if (!facts.isAffiliate) return undefined;
  const own = settings.platformDisclosures.find((entry) => entry.platform === platform);
  const disclosure = (own?.disclosure ?? settings.defaultDisclosure).trim();
  if (rulesFor(platform).hashtagMax !== 0) return disclosure;
  const plain = unhashtag(disclosure).trim();
  return plain.charAt(0).toLocaleUpperCase('en') + plain.slice(1);
}
