import { describe, expect, it } from '@jest/globals';
import { toMetricsSnapshot } from './x-metrics.js';

describe('toMetricsSnapshot', () => {
  it('prefers the author-only impressions and clicks, and counts reposts plus quotes as shares', () => {
    expect(
      toMetricsSnapshot({
        public_metrics: {
          impression_count: 10,
          like_count: 4,
          reply_count: 2,
          repost_count: 3,
          quote_count: 1,
          bookmark_count: 5,
        },
        non_public_metrics: { impression_count: 12, url_link_clicks: 6 },
      }),
    ).toEqual({ impressions: 12, views: 12, likes: 4, comments: 2, shares: 4, saves: 5, clicks: 6 });
  });

  it("reads X's older retweet_count and gives 0 for counters X left out", () => {
    expect(toMetricsSnapshot({ public_metrics: { retweet_count: 7, impression_count: 30 } })).toEqual({
      impressions: 30,
      views: 30,
      likes: 0,
      comments: 0,
      shares: 7,
      saves: 0,
      clicks: 0,
    });
    expect(toMetricsSnapshot({}).impressions).toBe(0);
  });
});
