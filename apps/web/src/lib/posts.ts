import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api/client';
import { unwrap } from './api/api-error';
import type { Schema } from './api/types';

// Posts and connections are read by compose, the calendar and review alike: their queries live here, once.

export type Post = Schema<'PostView'>;
export type PostTarget = Schema<'PostTargetView'>;
export type PostStatus = Post['status'];
export type TargetStatus = PostTarget['status'];
export type Connection = Schema<'ConnectionView'>;

export interface PostFilters {
  status?: TargetStatus;
  platform?: string;
  campaignId?: string;
  from?: string;
  to?: string;
}

export const postKeys = {
  all: ['posts'] as const,
  list: (filters: PostFilters) => [...postKeys.all, 'list', filters] as const,
  detail: (id: string) => [...postKeys.all, 'detail', id] as const,
};

export const connectionKeys = { all: ['connections'] as const };

export type PublishingSettings = Schema<'PublishingSettingsView'>;

export const publishingSettingsKey = ['publishing-settings'] as const;

/** The workspace's review rules: settings edits them, review follows them. */
export function usePublishingSettings() {
  return useQuery({
    queryKey: publishingSettingsKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/publishing-settings')),
  });
}

/** States that move by themselves (a job is due or running): pages showing them poll until they settle. */
const MOVING: readonly TargetStatus[] = ['publishing'];

export function isMoving(post: Post): boolean {
  return post.targets.some(
    (target) =>
      MOVING.includes(target.status) ||
      (target.status === 'scheduled' &&
        target.platform !== 'manual' &&
        target.dueAt !== null &&
        new Date(target.dueAt).getTime() <= Date.now()),
  );
}

export function usePosts(filters: PostFilters) {
  return useQuery({
    queryKey: postKeys.list(filters),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/posts', { params: { query: { ...filters, limit: 100 } } })),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.some(isMoving) ? 2_000 : false),
  });
}

export function usePost(id: string) {
  return useQuery({
    queryKey: postKeys.detail(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/posts/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => (query.state.data && isMoving(query.state.data) ? 2_000 : false),
  });
}

export function useConnections() {
  return useQuery({
    queryKey: connectionKeys.all,
    queryFn: async () => unwrap(await api.GET('/api/v1/connections')),
  });
}

/** After any change to a post, every list and the post itself are read again. */
function usePostMutation<Variables>(
  run: (variables: Variables) => Promise<Post>,
  meta: { successMessage?: string; showsOwnError?: boolean } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    meta,
    mutationFn: run,
    onSuccess: (post) => queryClient.setQueryData(postKeys.detail(post.id), post),
    onSettled: () => queryClient.invalidateQueries({ queryKey: postKeys.all }),
  });
}

const path = (id: string) => ({ params: { path: { id } } });

export function useCreatePost() {
  return usePostMutation(
    async (body: Schema<'CreatePostDto'>) => unwrap(await api.POST('/api/v1/posts', { body })),
    { showsOwnError: true },
  );
}

export function useSchedulePost() {
  return usePostMutation(
    async ({ id, scheduledAt }: { id: string; scheduledAt: string }) =>
      unwrap(await api.POST('/api/v1/posts/{id}/schedule', { ...path(id), body: { scheduledAt } })),
    { showsOwnError: true, successMessage: 'Post moved' },
  );
}

export function useApprovePost() {
  return usePostMutation(
    async (id: string) => unwrap(await api.POST('/api/v1/posts/{id}/approve', { ...path(id), body: {} })),
    { successMessage: 'Approved' },
  );
}

export function useRejectPost() {
  return usePostMutation(
    async ({ id, note }: { id: string; note: string }) =>
      unwrap(await api.POST('/api/v1/posts/{id}/reject', { ...path(id), body: { note } })),
    { successMessage: 'Rejected', showsOwnError: true },
  );
}

export function useRetryPost() {
  return usePostMutation(async (id: string) => unwrap(await api.POST('/api/v1/posts/{id}/retry', path(id))), {
    successMessage: 'Publishing again',
  });
}

export function useCancelPost() {
  return usePostMutation(
    async (id: string) => unwrap(await api.POST('/api/v1/posts/{id}/cancel', path(id))),
    { successMessage: 'Cancelled' },
  );
}

export function useMarkPublished() {
  return usePostMutation(
    async ({ id, url, targetId }: { id: string; url: string; targetId: string }) =>
      unwrap(await api.POST('/api/v1/posts/{id}/mark-published', { ...path(id), body: { url, targetId } })),
    { successMessage: 'Marked as published', showsOwnError: true },
  );
}
