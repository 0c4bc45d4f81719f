import type { UtmDto } from '@app/contracts';
import type { StoredUtm } from './link.entity.js';

export interface UtmContext {
  platform?: string | null;
  postId?: string | null;
  productId?: string | null;
  variant?: string | null;
}

/** UTM values as given, each missing one filled from what the link is about. */
export function completeUtm(given: UtmDto | undefined, context: UtmContext): StoredUtm {
  const utm: StoredUtm = {
    source: given?.source ?? context.platform ?? 'shopcast',
    medium: given?.medium ?? 'social',
    campaign: given?.campaign ?? (context.productId ? `product-${context.productId}` : 'shopcast'),
  };
  const content =
    given?.content ?? context.variant ?? (context.postId ? `post-${context.postId}` : undefined);
  if (content) utm.content = content;
  if (given?.term) utm.term = given.term;
  return utm;
}

/** What a post target's link is about, as its UTM values tell it. */
export interface PostTargetUtmContext {
  platform: string;
  campaignSlug?: string | null;
  variant?: string | null;
}

/** A post target's UTM values: the platform, `social`, the campaign's slug (or `post`) and the caption variant. */
export function postTargetUtm(context: PostTargetUtmContext): StoredUtm {
  const utm: StoredUtm = {
    source: context.platform,
    medium: 'social',
    campaign: context.campaignSlug ?? 'post',
  };
  if (context.variant) utm.content = context.variant;
  return utm;
}

/** The destination with UTM parameters set; its own query and fragment are kept. */
export function trackedUrl(destination: string, utm: StoredUtm): string {
  const url = new URL(destination);
  url.searchParams.set('utm_source', utm.source);
  url.searchParams.set('utm_medium', utm.medium);
  url.searchParams.set('utm_campaign', utm.campaign);
  if (utm.content) url.searchParams.set('utm_content', utm.content);
  if (utm.term) url.searchParams.set('utm_term', utm.term);
  return url.toString();
}
