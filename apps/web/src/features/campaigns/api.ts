import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api/client';
import { unwrap } from '../../lib/api/api-error';
import type { Schema } from '../../lib/api/types';
import { postKeys } from '../../lib/posts';

export type Campaign = Schema<'CampaignView'>;
export type NewCampaign = Schema<'CreateCampaignDto'>;
export type CampaignChange = Schema<'UpdateCampaignDto'>;
export type Weekday = NewCampaign['schedule']['days'][number];
export type CampaignPost = Schema<'PostView'>;
export type CatalogProduct = Schema<'ProductView'>;
export type CampaignAction = 'pause' | 'resume' | 'complete';
export type CampaignExperiment = Schema<'ExperimentView'>;

export const campaignKeys = {
  all: ['campaigns'] as const,
  list: () => [...campaignKeys.all, 'list'] as const,
  detail: (id: string) => [...campaignKeys.all, 'detail', id] as const,
  posts: (id: string) => [...campaignKeys.all, 'detail', id, 'posts'] as const,
  connections: () => [...campaignKeys.all, 'connections'] as const,
  productSearch: (q: string) => [...campaignKeys.all, 'products', 'search', q] as const,
  product: (id: string) => [...campaignKeys.all, 'products', id] as const,
  experiment: (id: string, gate: number | null) =>
    [...campaignKeys.all, 'detail', id, 'experiment', gate] as const,
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

/** Active catalog products whose title or description matches what the person typed, for the bank. */
export function useProductSearch(q: string) {
  return useQuery({
    queryKey: campaignKeys.productSearch(q),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/products', {
          params: { query: { q: q || undefined, status: 'active', sort: 'title', order: 'asc', limit: 50 } },
        }),
      ).items,
    placeholderData: keepPreviousData,
  });
}

/** The bank's products (names for the list, facts for the template previews); a deleted one reads as null. */
export function useBankProducts(ids: readonly string[]): Map<string, CatalogProduct | null> {
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: campaignKeys.product(id),
      queryFn: async () => {
        const { data, response } = await api.GET('/api/v1/products/{id}', { params: { path: { id } } });
        return response.status === 404 ? null : (data ?? null);
      },
      staleTime: 60_000,
    })),
  });
  return new Map(
    ids.flatMap((id, index) => (results[index].data === undefined ? [] : [[id, results[index].data]])),
  );
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

/** Pause, resume or complete: the campaign and its posts' slots change, so both are read again. */
export function useCampaignAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (action: CampaignAction) => {
      const path = { params: { path: { id } } };
      if (action === 'pause') return unwrap(await api.POST('/api/v1/campaigns/{id}/pause', path));
      if (action === 'resume') return unwrap(await api.POST('/api/v1/campaigns/{id}/resume', path));
      return unwrap(await api.POST('/api/v1/campaigns/{id}/complete', path));
    },
    onSuccess: (campaign) => queryClient.setQueryData(campaignKeys.detail(id), campaign),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: campaignKeys.all }),
        queryClient.invalidateQueries({ queryKey: postKeys.all }),
      ]),
  });
}

/** Saves the bank and its rotation settings; the bank fills again from them shortly after. */
export function useSaveBank(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { showsOwnError: true, successMessage: 'Bank saved: the campaign fills its slots from it shortly' },
    mutationFn: async (body: CampaignChange) =>
      unwrap(await api.PATCH('/api/v1/campaigns/{id}', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignKeys.all }),
  });
}

/**
 * The campaign's own experiment (its variants across all its posts), judged with its auto-winner gate when it
 * has one; null until two variants have tracked links.
 */
export function useCampaignExperiment(campaign: Campaign) {
  const gate = campaign.autoWinner?.minTrialsPerVariant ?? null;
  return useQuery({
    queryKey: campaignKeys.experiment(campaign.id, gate),
    queryFn: async () => {
      const query = { campaignId: campaign.id, ...(gate === null ? {} : { minimumSample: gate }) };
      const experiments = unwrap(await api.GET('/api/v1/analytics/experiments', { params: { query } }));
      return experiments.find((experiment) => experiment.scope === 'campaign') ?? null;
    },
  });
}

/** Goes back to rotating every variant: the campaign and its slots change, so both are read again. */
export function useUndoWinner(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { successMessage: 'The campaign rotates every variant again' },
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/campaigns/{id}/winner/undo', { params: { path: { id } } })),
    onSuccess: (campaign) => queryClient.setQueryData(campaignKeys.detail(id), campaign),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: campaignKeys.all }),
        queryClient.invalidateQueries({ queryKey: postKeys.all }),
      ]),
  });
}
