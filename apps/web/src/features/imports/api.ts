import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api/client';
import { unwrap } from '../../lib/api/api-error';
import type { Schema } from '../../lib/api/types';
import type { ImportMapping } from './column-mapping';

export type ImportReport = Schema<'ImportReportView'>;

export const importKeys = {
  all: ['imports'] as const,
  detail: (id: string) => [...importKeys.all, id] as const,
};

export interface ImportRequest {
  file: File;
  format: 'csv' | 'json';
  mapping: ImportMapping;
  defaultCurrency?: string;
}

/** Sends the file with its column mapping; small files answer with the report, larger ones run as a job. */
export function useStartImport() {
  return useMutation({
    meta: { showsOwnError: true },
    mutationFn: async ({ file, format, mapping, defaultCurrency }: ImportRequest) => {
      // The options go before the file: the server reads them while the file streams in.
      const form = new FormData();
      form.append('mapping', JSON.stringify(mapping));
      form.append('format', format);
      if (defaultCurrency) form.append('defaultCurrency', defaultCurrency);
      form.append('file', file);
      // openapi-fetch sends a FormData body as multipart; the schema types the fields as strings.
      const body = form as unknown as Schema<'JsonImportDto'>;
      return unwrap(await api.POST('/api/v1/products/import', { body }));
    },
  });
}

/** An import's report, polled while it runs so the progress moves by itself. */
export function useImportReport(id: string) {
  return useQuery({
    queryKey: importKeys.detail(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/imports/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1000 : false),
  });
}
