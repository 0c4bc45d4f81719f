import type { PostMetricsSnapshot } from '@app/contracts';

/**
 * The query of GET /2/tweets/:id that returns a post's counters. X API v2 spec 2.167 names the parameter
 * `post.fields`; non-public and organic metrics need the author's user token and a post under 30 days old.
 */
export const X_METRICS_QUERY = new URLSearchParams({
  'post.fields': 'public_metrics,non_public_metrics,organic_metrics',
}).toString();

/** Counters of one post as X reports them; older answers say `retweet_count` where the spec says `repost_count`. */
export interface XPostMetrics {
  public_metrics?: {
    impression_count?: number;
    like_count?: number;
    reply_count?: number;
    repost_count?: number;
    retweet_count?: number;
    quote_count?: number;
    bookmark_count?: number;
  };
  non_public_metrics?: { impression_count?: number; url_link_clicks?: number; user_profile_clicks?: number };
  organic_metrics?: { impression_count?: number; url_link_clicks?: number };
}

/** X has no separate view count: views are impressions. Shares are reposts plus quotes; saves are bookmarks. */
export function toMetricsSnapshot(post: XPostMetrics): PostMetricsSnapshot {
  const publicMetrics = post.public_metrics ?? {};
  const impressions = count(
    post.non_public_metrics?.impression_count ??
      post.organic_metrics?.impression_count ??
      publicMetrics.impression_count,
  );
  return {
    impressions,
    views: impressions,
    likes: count(publicMetrics.like_count),
    comments: count(publicMetrics.reply_count),
    shares:
      count(publicMetrics.repost_count ?? publicMetrics.retweet_count) + count(publicMetrics.quote_count),
    saves: count(publicMetrics.bookmark_count),
    clicks: count(post.non_public_metrics?.url_link_clicks ?? post.organic_metrics?.url_link_clicks),
  };
}

function count(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
