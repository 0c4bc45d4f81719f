import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api/client';
import { unwrap } from '../../lib/api/api-error';
import type { Schema } from '../../lib/api/types';
import { publishingSettingsKey } from '../../lib/posts';

export { usePublishingSettings } from '../../lib/posts';

export type Brand = Schema<'VideoBrandView'>;
export type Webhook = Schema<'WebhookView'>;
export type NewWebhook = Schema<'CreateWebhookDto'>;
export type WebhookEvent = NewWebhook['events'][number];

export const settingsKeys = {
  all: ['settings'] as const,
  brand: () => [...settingsKeys.all, 'brand'] as const,
  webhooks: () => [...settingsKeys.all, 'webhooks'] as const,
  deliveries: (webhookId: string) => [...settingsKeys.webhooks(), webhookId, 'deliveries'] as const,
};

export function useBrand() {
  return useQuery({
    queryKey: settingsKeys.brand(),
    queryFn: async () => unwrap(await api.GET('/api/v1/settings/brand')),
  });
}

export function useSaveBrand() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { showsOwnError: true, successMessage: 'Brand saved' },
    mutationFn: async (body: Schema<'VideoBrand'>) =>
      unwrap(await api.PUT('/api/v1/settings/brand', { body })),
    onSuccess: (brand) => queryClient.setQueryData(settingsKeys.brand(), brand),
  });
}

export function useSavePublishingSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { successMessage: 'Publishing settings saved' },
    mutationFn: async (body: Schema<'PublishingSettingsDto'>) =>
      unwrap(await api.PUT('/api/v1/publishing-settings', { body })),
    onSuccess: (settings) => queryClient.setQueryData(publishingSettingsKey, settings),
  });
}

export function useWebhooks() {
  return useQuery({
    queryKey: settingsKeys.webhooks(),
    queryFn: async () => unwrap(await api.GET('/api/v1/webhooks')),
  });
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { showsOwnError: true, successMessage: 'Webhook added' },
    mutationFn: async (body: NewWebhook) => unwrap(await api.POST('/api/v1/webhooks', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKeys.webhooks() }),
  });
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { successMessage: 'Webhook deleted' },
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: settingsKeys.webhooks() }),
  });
}

/** Every delivery attempt of one webhook, newest first; refreshed while retries are pending. */
export function useDeliveries(webhookId: string) {
  return useQuery({
    queryKey: settingsKeys.deliveries(webhookId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id: webhookId } } })),
    refetchInterval: (query) =>
      query.state.data?.some((delivery) => delivery.status === 'retrying') ? 10_000 : false,
  });
}
