import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { Platform } from '@app/platform-rules';
import { api } from '../../lib/api/client';
import { unwrap } from '../../lib/api/api-error';
import type { Schema } from '../../lib/api/types';

export type CopySet = Schema<'CopySetView'>;
export type CopyMode = NonNullable<Schema<'GenerateCopyDto'>['mode']>;
export type MediaAsset = Schema<'MediaAssetView'>;
export type Video = Schema<'VideoView'>;

export const composeKeys = {
  all: ['compose'] as const,
  products: (q: string) => [...composeKeys.all, 'products', q] as const,
  media: (productId: string) => [...composeKeys.all, 'media', productId] as const,
  videos: (productId: string) => [...composeKeys.all, 'videos', productId] as const,
};

/** Active products whose title or description matches what the person typed. */
export function useProductSearch(q: string) {
  return useQuery({
    queryKey: composeKeys.products(q),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/products', {
          params: { query: { q: q || undefined, status: 'active', limit: 50 } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useProductMedia(productId: string | null) {
  return useQuery({
    queryKey: composeKeys.media(productId ?? ''),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/products/{productId}/media', { params: { path: { productId: productId! } } }),
      ),
    enabled: productId !== null,
  });
}

export function useProductVideos(productId: string | null) {
  return useQuery({
    queryKey: composeKeys.videos(productId ?? ''),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/products/{productId}/videos', { params: { path: { productId: productId! } } }),
      ),
    enabled: productId !== null,
  });
}

export function useGenerateCopy() {
  return useMutation({
    meta: { successMessage: 'Copy written: edit it below' },
    mutationFn: async ({
      productId,
      platforms,
      mode,
    }: {
      productId: string;
      platforms: Platform[];
      mode: CopyMode;
    }) =>
      unwrap(
        await api.POST('/api/v1/products/{id}/copy', {
          params: { path: { id: productId } },
          body: { platforms, mode },
        }),
      ),
  });
}
