import type { ApiKeyView } from '@app/contracts';
import type { ApiKeyWithCreator } from './api-keys.repository.js';

/** A key as a member of its workspace sees it: never the key nor its hash. */
export function toApiKeyView(key: ApiKeyWithCreator): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    role: key.role,
    createdBy: { id: key.createdBy, name: key.creatorName },
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    expiresAt: key.expiresAt?.toISOString() ?? null,
  };
}
