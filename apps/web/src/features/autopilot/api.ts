import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api/client';
import { unwrap } from '../../lib/api/api-error';
import type { Schema } from '../../lib/api/types';

export type Rule = Schema<'AutopilotRuleView'>;
export type NewRule = Schema<'CreateAutopilotRuleDto'>;
export type RuleFilter = Schema<'AutopilotFilterDto'>;
export type Run = Schema<'AutopilotRunView'>;

export const autopilotKeys = {
  all: ['autopilot'] as const,
  list: () => [...autopilotKeys.all, 'list'] as const,
  runs: (id: string) => [...autopilotKeys.all, 'runs', id] as const,
  campaigns: () => [...autopilotKeys.all, 'campaigns'] as const,
  connections: () => [...autopilotKeys.all, 'connections'] as const,
};

/** Rules act on their own as products arrive: keep their counts current while the page is open. */
export function useRules() {
  return useQuery({
    queryKey: autopilotKeys.list(),
    queryFn: async () => unwrap(await api.GET('/api/v1/autopilot/rules')),
    refetchInterval: 30_000,
  });
}

export function useRuleRuns(id: string) {
  return useQuery({
    queryKey: autopilotKeys.runs(id),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/autopilot/rules/{id}/runs', { params: { path: { id } } })),
    refetchInterval: 30_000,
  });
}

/** The campaigns a rule can post into, with the connections each may use. */
export function useCampaignChoices() {
  return useQuery({
    queryKey: autopilotKeys.campaigns(),
    queryFn: async () => unwrap(await api.GET('/api/v1/campaigns')),
  });
}

export function useConnectionNames() {
  return useQuery({
    queryKey: autopilotKeys.connections(),
    queryFn: async () => unwrap(await api.GET('/api/v1/connections')),
    select: (connections) =>
      new Map(
        connections.map((connection) => [connection.id, `${connection.name} (${connection.platform})`]),
      ),
  });
}

export function useSaveRule(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { showsOwnError: true, successMessage: id ? 'Rule saved' : 'Rule created' },
    mutationFn: async (body: NewRule) =>
      id
        ? unwrap(await api.PATCH('/api/v1/autopilot/rules/{id}', { params: { path: { id } }, body }))
        : unwrap(await api.POST('/api/v1/autopilot/rules', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: autopilotKeys.list() }),
  });
}

export function useSetRuleEnabled() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { successMessage: 'Rule updated' },
    mutationFn: async ({ id, enabled }: { id: string; enabled: boolean }) =>
      unwrap(
        await api.PATCH('/api/v1/autopilot/rules/{id}', { params: { path: { id } }, body: { enabled } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: autopilotKeys.list() }),
  });
}

export function useDeleteRule() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { successMessage: 'Rule deleted; its posts stay as they are' },
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/autopilot/rules/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: autopilotKeys.list() }),
  });
}
