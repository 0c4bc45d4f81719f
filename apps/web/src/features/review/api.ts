import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api/client';
import { unwrap } from '../../lib/api/api-error';
import type { Schema } from '../../lib/api/types';

export type PostResults = Schema<'PostAnalyticsView'>;

/** Reports reach back at most three years. */
const MAX_WINDOW_MS = 3 * 365 * 86_400_000;

export const postResultKeys = {
  post: (postId: string, since: string) => ['analytics', 'post', postId, since] as const,
};

/** Where a post's results start: when it was made (the window is at most three years). */
export function resultsSince(createdAt: string, now = Date.now()): string {
  return new Date(Math.max(Date.parse(createdAt), now - MAX_WINDOW_MS)).toISOString();
}

/** A post's clicks and sales since it was made, through its tracked links; they arrive in batches, so re-read. */
export function usePostResults(post: { id: string; createdAt: string }) {
  const since = resultsSince(post.createdAt);
  return useQuery({
    queryKey: postResultKeys.post(post.id, since),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/analytics/posts/{id}', {
          params: { path: { id: post.id }, query: { from: since } },
        }),
      ),
    refetchInterval: 15_000,
  });
}
