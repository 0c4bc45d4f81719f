import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../../lib/api/client';
import { unwrap } from '../../lib/api/api-error';
import type { Schema } from '../../lib/api/types';

export type Product = Schema<'ProductView'>;
export type ProductInput = Schema<'CreateProductDto'>;
export type ProductPrefill = Schema<'ProductPrefillView'>;
export type MediaAsset = Schema<'MediaAssetView'>;
export type ProductListQuery = {
  q?: string;
  status?: Product['status'];
  sort?: 'createdAt' | 'updatedAt' | 'title' | 'price';
  order?: 'asc' | 'desc';
};

/** Rows fetched per page of the product table: enough to fill a tall screen twice. */
export const PRODUCT_PAGE_SIZE = 100;

export const productKeys = {
  all: ['products'] as const,
  lists: () => [...productKeys.all, 'list'] as const,
  list: (query: ProductListQuery) => [...productKeys.lists(), query] as const,
  detail: (id: string) => [...productKeys.all, 'detail', id] as const,
  media: (id: string) => [...productKeys.all, 'detail', id, 'media'] as const,
};

/** The catalog a page at a time (cursor pages), loaded further as the person scrolls. */
export function useProductList(query: ProductListQuery) {
  return useInfiniteQuery({
    queryKey: productKeys.list(query),
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/products', {
          params: { query: { ...query, limit: PRODUCT_PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // A new search keeps the previous rows on screen until its first page arrives: no flash of a spinner.
    placeholderData: keepPreviousData,
  });
}

export function useProduct(id: string) {
  return useQuery({
    queryKey: productKeys.detail(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/products/{id}', { params: { path: { id } } })),
  });
}

export function useCreateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { showsOwnError: true, successMessage: 'Product added' },
    mutationFn: async (body: ProductInput) => unwrap(await api.POST('/api/v1/products', { body })),
    onSuccess: (product) => {
      queryClient.setQueryData(productKeys.detail(product.id), product);
      return queryClient.invalidateQueries({ queryKey: productKeys.lists() });
    },
  });
}

export function useUpdateProduct(id: string, successMessage = 'Product saved') {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { showsOwnError: true, successMessage },
    mutationFn: async (body: Schema<'UpdateProductDto'>) =>
      unwrap(await api.PATCH('/api/v1/products/{id}', { params: { path: { id } }, body })),
    onSuccess: (product) => {
      queryClient.setQueryData(productKeys.detail(id), product);
      return queryClient.invalidateQueries({ queryKey: productKeys.lists() });
    },
  });
}

/** Reads a product page and answers the fields it found; nothing is saved. */
export function usePrefillFromUrl() {
  return useMutation({
    meta: { showsOwnError: true },
    mutationFn: async (url: string) => unwrap(await api.POST('/api/v1/products/from-url', { body: { url } })),
  });
}

/** The product's photos in order; polled while any of them is still being processed. */
export function useProductMedia(productId: string) {
  return useQuery({
    queryKey: productKeys.media(productId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/products/{productId}/media', { params: { path: { productId } } })),
    refetchInterval: (query) =>
      query.state.data?.some((asset) => asset.status === 'processing') ? 1500 : false,
  });
}

/** Adds photos by their URLs (those a product page listed); each is fetched and processed in the background. */
export function useAddMediaFromUrls() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ productId, urls }: { productId: string; urls: string[] }) => {
      for (const url of urls) {
        unwrap(
          await api.POST('/api/v1/products/{productId}/media/from-url', {
            params: { path: { productId } },
            body: { url },
          }),
        );
      }
    },
    onSettled: (_data, _error, { productId }) =>
      queryClient.invalidateQueries({ queryKey: productKeys.media(productId) }),
  });
}

export function useReorderMedia(productId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (mediaIds: string[]) =>
      unwrap(
        await api.PUT('/api/v1/products/{productId}/media/order', {
          params: { path: { productId } },
          body: { mediaIds },
        }),
      ),
    onSuccess: (media) => queryClient.setQueryData(productKeys.media(productId), media),
  });
}

export function useDeleteMedia(productId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { successMessage: 'Photo removed' },
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/media/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: productKeys.media(productId) }),
  });
}
