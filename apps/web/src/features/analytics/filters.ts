/** What the analytics page is narrowed to, as it stands in the address (`/analytics?campaignId=…`). */
export interface ReportFilters {
  campaignId?: string;
  connectionId?: string;
  postId?: string;
  variant?: string;
}

export const FILTER_KEYS = ['campaignId', 'connectionId', 'postId', 'variant'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_VARIANT = 50;

/**
 * The filters of the address's search parameters; anything the API would refuse is left out, so an edited
 * or stale address shows the page unfiltered rather than an error.
 */
export function parseReportFilters(search: Record<string, unknown>): ReportFilters {
  const filters: ReportFilters = {};
  for (const key of ['campaignId', 'connectionId', 'postId'] as const) {
    const value = search[key];
    if (typeof value === 'string' && UUID.test(value)) filters[key] = value.toLowerCase();
  }
  const variant = typeof search.variant === 'string' ? search.variant.trim() : '';
  // A variant is a post's caption label: it narrows nothing without its post.
  if (filters.postId && variant.length > 0 && variant.length <= MAX_VARIANT) filters.variant = variant;
  return filters;
}

/** The filters with one changed; choosing another post drops the variant, which was the old post's. */
export function withFilter<K extends keyof ReportFilters>(
  filters: ReportFilters,
  key: K,
  value: ReportFilters[K] | null,
): ReportFilters {
  const next: ReportFilters = { ...filters };
  if (value === null || value === undefined || value === '') delete next[key];
  else next[key] = value;
  if (key === 'postId' && next.postId !== filters.postId) delete next.variant;
  if (!next.postId) delete next.variant;
  return next;
}

export function hasFilters(filters: ReportFilters): boolean {
  return FILTER_KEYS.some((key) => filters[key] !== undefined);
}

/** How a post is named in a list: the start of its first caption, and where it went. */
export function postLabel(post: {
  id: string;
  targets: Array<{ platform: string; text: string; title: string | null }>;
}): string {
  const first = post.targets[0];
  const words = (first?.title || first?.text || '').replace(/\s+/g, ' ').trim();
  const caption = words.length > 40 ? `${words.slice(0, 39).trimEnd()}…` : words;
  const platforms = [...new Set(post.targets.map((target) => target.platform))].join(', ');
  const name = caption || `Post ${post.id.slice(0, 8)}`;
  return platforms ? `${name} (${platforms})` : name;
}
