import type { CopySetView, CopySettingsView } from '@app/contracts';
import type { CopySetEntity } from './copy-set.entity.js';
import type { CopySettingsEntity } from './copy-settings.entity.js';
import { DEFAULT_DISCLOSURE } from './disclosure.js';

/** The contract view of a copy set; the only shape of one that leaves the content service. */
export function toCopySetView(set: CopySetEntity): CopySetView {
  return {
    id: set.id,
    productId: set.productId,
    version: set.version,
    mode: set.mode,
    tone: set.tone,
    language: set.language,
    seed: set.seed,
    items: set.items,
    usage: set.usage,
    createdAt: set.createdAt.toISOString(),
    updatedAt: set.updatedAt.toISOString(),
  };
}

/** A workspace's settings; the defaults when it never saved any. */
export function toCopySettingsView(settings: CopySettingsEntity | null): CopySettingsView {
  if (!settings) return { defaultDisclosure: DEFAULT_DISCLOSURE, platformDisclosures: [], updatedAt: null };
  return {
    defaultDisclosure: settings.defaultDisclosure,
    platformDisclosures: settings.platformDisclosures,
    updatedAt: settings.updatedAt.toISOString(),
  };
}
