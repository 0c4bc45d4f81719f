import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api/client';
import { unwrap } from '../../lib/api/api-error';
import type { Schema } from '../../lib/api/types';

export type Video = Schema<'VideoView'>;
export type CreateVideo = Schema<'CreateVideoDto'>;
export type VideoTemplate = Video['template'];
export type VideoFormat = Video['formats'][number];
export type Product = Schema<'ProductView'>;
export type MediaAsset = Schema<'MediaAssetView'>;

export const videoKeys = {
  all: ['videos'] as const,
  products: (search: string) => [...videoKeys.all, 'products', search] as const,
  product: (productId: string) => [...videoKeys.all, 'product', productId] as const,
  photos: (productId: string) => [...videoKeys.all, 'product', productId, 'photos'] as const,
  forProduct: (productId: string) => [...videoKeys.all, 'product', productId, 'list'] as const,
  one: (id: string) => [...videoKeys.all, 'one', id] as const,
};

/** A render still to finish: the page keeps asking for its progress. */
export function isRendering(video: Pick<Video, 'status'> | undefined): boolean {
  return video?.status === 'queued' || video?.status === 'rendering';
}

/** Products whose title or description matches what the person typed (the first 30). */
export function useProductSearch(search: string) {
  return useQuery({
    queryKey: videoKeys.products(search),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/products', {
          params: { query: { q: search || undefined, status: 'active', limit: 30 } },
        }),
      ).items,
    placeholderData: keepPreviousData,
  });
}

export function useProduct(productId: string | undefined) {
  return useQuery({
    queryKey: videoKeys.product(productId ?? ''),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/products/{id}', { params: { path: { id: productId ?? '' } } })),
    enabled: productId !== undefined,
  });
}

/** The product's ready images, the only ones a video can use. */
export function useProductPhotos(productId: string) {
  return useQuery({
    queryKey: videoKeys.photos(productId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/products/{productId}/media', { params: { path: { productId } } })).filter(
        (asset) => asset.kind === 'image' && asset.status === 'ready',
      ),
  });
}

export function useProductVideos(productId: string) {
  return useQuery({
    queryKey: videoKeys.forProduct(productId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/products/{productId}/videos', { params: { path: { productId } } })),
  });
}

/** One video, polled every second while it renders so its progress bar moves by itself. */
export function useVideo(initial: Video) {
  return useQuery({
    queryKey: videoKeys.one(initial.id),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/videos/{id}', { params: { path: { id: initial.id } } })),
    initialData: initial,
    refetchInterval: (query) => (isRendering(query.state.data) ? 1000 : false),
  });
}

export function useCreateVideo(productId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { showsOwnError: true, successMessage: 'Rendering started' },
    mutationFn: async (body: CreateVideo) =>
      unwrap(
        await api.POST('/api/v1/products/{productId}/videos', { params: { path: { productId } }, body }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: videoKeys.forProduct(productId) }),
  });
}

export function useDeleteVideo(productId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { successMessage: 'Video deleted' },
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/videos/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: videoKeys.forProduct(productId) }),
  });
}
