import type { LinkView, ResolvedLink } from '@app/contracts';
import type { LinkEntity } from './link.entity.js';
import { trackedUrl } from './tracked-url.js';

/** The link as its owner sees it; `linkBaseUrl` is where short links point (LINK_BASE_URL). */
export function toLinkView(link: LinkEntity, linkBaseUrl: string): LinkView {
  return {
    id: link.id,
    code: link.code,
    shortUrl: `${linkBaseUrl}/l/${link.code}`,
    trackedUrl: trackedUrl(link.url, link.utm),
    url: link.url,
    productId: link.productId,
    postId: link.postId,
    targetId: link.targetId,
    campaignId: link.campaignId,
    connectionId: link.connectionId,
    variant: link.variant,
    platform: link.platform,
    utm: link.utm,
    isDisabled: link.isDisabled,
    expiresAt: link.expiresAt?.toISOString() ?? null,
    createdAt: link.createdAt.toISOString(),
    updatedAt: link.updatedAt.toISOString(),
  };
}

export function toResolvedLink(link: LinkEntity): ResolvedLink {
  return {
    id: link.id,
    workspaceId: link.workspaceId,
    trackedUrl: trackedUrl(link.url, link.utm),
    productId: link.productId,
    postId: link.postId,
    targetId: link.targetId,
    variant: link.variant,
    platform: link.platform,
    expiresAt: link.expiresAt?.toISOString() ?? null,
  };
}
