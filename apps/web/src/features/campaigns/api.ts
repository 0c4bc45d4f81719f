import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api/client';
import { unwrap } from '../../lib/api/api-error';
import type { Schema } from '../../lib/api/types';

export type Campaign = Schema<'CampaignView'>;
export type NewCampaign = Schema<'CreateCampaignDto'>;
export type Weekday = NewCampaign['schedule']['days'][number];
export type CampaignPost = Schema<'PostView'>;

export const campaignKeys = {
  all: ['campaigns'] as const,
  list: () => [...campaignKeys.all, 'list'] as const,
  detail: (id: string) => [...campaignKeys.all, 'detail', id] as const,
  posts: (id: string) => [...campaignKeys.all, 'detail', id, 'posts'] as const,
  connections: () => [...campaignKeys.all, 'connections'] as const,
};

export function useCampaigns() {
  return useQuery({
    queryKey: campaignKeys.list(),
    queryFn: async () => unwrap(await api.GET('/api/v1/campaigns')),
  });
}

export function useCampaign(id: string) {
  return useQuery({
    queryKey: campaignKeys.detail(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/campaigns/{id}', { params: { path: { id } } })),
  });
}

/** The posts that fill the campaign's slots, soonest first. */
export function useCampaignPosts(id: string) {
  return useQuery({
    queryKey: campaignKeys.posts(id),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/posts', { params: { query: { campaignId: id, limit: 100 } } })),
    // Posts of a running campaign publish by themselves: keep their states current.
    refetchInterval: 30_000,
  });
}

/** The connections a campaign can post to (names and platforms for the picker). */
export function useConnectionChoices() {
  return useQuery({
    queryKey: campaignKeys.connections(),
    queryFn: async () => unwrap(await api.GET('/api/v1/connections')),
    select: (connections) =>
      connections.map((connection) => ({
        value: connection.id,
        label: `${connection.name} (${connection.platform})`,
      })),
  });
}

export function useSaveCampaign(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { showsOwnError: true, successMessage: id ? 'Campaign saved' : 'Campaign created' },
    mutationFn: async (body: NewCampaign) =>
      id
        ? unwrap(await api.PATCH('/api/v1/campaigns/{id}', { params: { path: { id } }, body }))
        : unwrap(await api.POST('/api/v1/campaigns', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignKeys.all }),
  });
}

export function useDeleteCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { successMessage: 'Campaign deleted; its posts stay scheduled' },
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/campaigns/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignKeys.list() }),
  });
}
