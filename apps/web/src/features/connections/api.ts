import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api/client';
import { unwrap } from '../../lib/api/api-error';
import type { paths } from '../../lib/api/schema';
import type { Schema } from '../../lib/api/types';

export type Connection = Schema<'ConnectionView'>;
export type Platform = Schema<'PlatformView'>;
export type OAuthPlatform =
  paths['/api/v1/connections/{platform}/authorize']['post']['parameters']['path']['platform'];
export type NewConnection = Schema<'CreateConnectionDto'>;
export type ConnectionPatch = Schema<'UpdateConnectionDto'>;

export const connectionKeys = {
  all: ['connections'] as const,
  list: () => [...connectionKeys.all, 'list'] as const,
  platforms: () => [...connectionKeys.all, 'platforms'] as const,
};

export function useConnections() {
  return useQuery({
    queryKey: connectionKeys.list(),
    queryFn: async () => unwrap(await api.GET('/api/v1/connections')),
  });
}

/** The platforms this server knows, and whether each one's app credentials are configured. */
export function usePlatforms() {
  return useQuery({
    queryKey: connectionKeys.platforms(),
    queryFn: async () => unwrap(await api.GET('/api/v1/platforms')),
    staleTime: 5 * 60_000,
  });
}

/** Starts OAuth: the browser leaves for the platform and comes back to /connections. */
export function useAuthorize() {
  return useMutation({
    mutationFn: async (platform: OAuthPlatform) =>
      unwrap(await api.POST('/api/v1/connections/{platform}/authorize', { params: { path: { platform } } })),
    onSuccess: ({ url }) => window.location.assign(url),
  });
}

export function useCreateConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { showsOwnError: true, successMessage: 'Connection added' },
    mutationFn: async (body: NewConnection) => unwrap(await api.POST('/api/v1/connections', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: connectionKeys.list() }),
  });
}

export function useUpdateConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { showsOwnError: true, successMessage: 'Connection saved' },
    mutationFn: async ({ id, patch }: { id: string; patch: ConnectionPatch }) =>
      unwrap(await api.PATCH('/api/v1/connections/{id}', { params: { path: { id } }, body: patch })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: connectionKeys.list() }),
  });
}

export function useDeleteConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { successMessage: 'Connection deleted' },
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/connections/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: connectionKeys.list() }),
  });
}
