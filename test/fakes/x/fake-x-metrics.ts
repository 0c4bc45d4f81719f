/** Counters the fake keeps per tweet; a test sets them to what X would report. */
export interface FakeTweetMetrics {
  impressions: number;
  likes: number;
  replies: number;
  reposts: number;
  quotes: number;
  bookmarks: number;
  urlLinkClicks: number;
  profileClicks: number;
}

export const ZERO_METRICS: FakeTweetMetrics = {
  impressions: 0,
  likes: 0,
  replies: 0,
  reposts: 0,
  quotes: 0,
  bookmarks: 0,
  urlLinkClicks: 0,
  profileClicks: 0,
};

const OWNER_ONLY_FIELDS = ['non_public_metrics', 'organic_metrics', 'promoted_metrics'];

/**
 * The answer of GET /2/tweets/:id for the requested `post.fields`: the spec's Post with `public_metrics`
 * (PostPublicMetrics), and the non-public and organic ones only for the author, as X does; for anyone else
 * X leaves them out and names each in `errors`.
 */
export function tweetLookupBody(
  tweet: { id: string; text: string; userId: string },
  metrics: FakeTweetMetrics,
  fields: string[],
  requesterId: string,
): Record<string, unknown> {
  const data: Record<string, unknown> = {
    id: tweet.id,
    text: tweet.text,
    edit_history_tweet_ids: [tweet.id],
  };
  const errors: Array<Record<string, unknown>> = [];
  const isAuthor = tweet.userId === requesterId;
  for (const field of fields) {
    if (OWNER_ONLY_FIELDS.includes(field) && !isAuthor) {
      errors.push({
        value: tweet.id,
        detail: `Sorry, you are not authorized to access '${field}' on the Tweet with ids: [${tweet.id}].`,
        title: 'Field Authorization Error',
        resource_type: 'tweet',
        parameter: 'post.fields',
        field,
        resource_id: tweet.id,
        type: 'https://api.x.com/2/problems/not-authorized-for-field',
      });
      continue;
    }
    const value = fieldValue(field, tweet, metrics);
    if (value !== undefined) data[field] = value;
  }
  return errors.length > 0 ? { data, errors } : { data };
}

function fieldValue(field: string, tweet: { userId: string }, metrics: FakeTweetMetrics): unknown {
  if (field === 'public_metrics')
    return {
      impression_count: metrics.impressions,
      like_count: metrics.likes,
      reply_count: metrics.replies,
      repost_count: metrics.reposts,
      quote_count: metrics.quotes,
      bookmark_count: metrics.bookmarks,
    };
  if (field === 'non_public_metrics')
    return {
      impression_count: metrics.impressions,
      url_link_clicks: metrics.urlLinkClicks,
      user_profile_clicks: metrics.profileClicks,
    };
  if (field === 'organic_metrics')
    return {
      impression_count: metrics.impressions,
      like_count: metrics.likes,
      reply_count: metrics.replies,
      retweet_count: metrics.reposts,
      url_link_clicks: metrics.urlLinkClicks,
      user_profile_clicks: metrics.profileClicks,
    };
  if (field === 'author_id') return tweet.userId;
  return undefined;
}

/** X's answer for an id it does not know: 200 with a resource-not-found error and no data. */
export function tweetNotFoundBody(id: string): Record<string, unknown> {
  return {
    errors: [
      {
        value: id,
        detail: `Could not find tweet with id: [${id}].`,
        title: 'Not Found Error',
        resource_type: 'tweet',
        parameter: 'id',
        resource_id: id,
        type: 'https://api.x.com/2/problems/resource-not-found',
      },
    ],
  };
}
