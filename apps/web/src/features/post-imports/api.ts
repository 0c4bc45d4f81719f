import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api/client';
import { unwrap } from '../../lib/api/api-error';
import type { Schema } from '../../lib/api/types';
import { postKeys } from '../../lib/posts';

export type PostImportReport = Schema<'PostImportReportView'>;

export const postImportKeys = {
  all: ['post-imports'] as const,
  detail: (id: string) => [...postImportKeys.all, id] as const,
};

/** Sends the file; a dry run only checks it. Small files answer with the report, larger ones run as a job. */
export function useStartPostImport() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { showsOwnError: true },
    onSuccess: (report) => queryClient.setQueryData(postImportKeys.detail(report.id), report),
    mutationFn: async ({ file, dryRun }: { file: File; dryRun: boolean }) => {
      const form = new FormData();
      form.append('file', file);
      // openapi-fetch sends a FormData body as multipart; the schema types the body as JSON.
      const body = form as unknown as Schema<'JsonPostImportDto'>;
      return unwrap(await api.POST('/api/v1/posts/import', { params: { query: { dryRun } }, body }));
    },
  });
}

/** An import's report, polled while it runs; once a real import ends, the posts it made show everywhere. */
export function usePostImportReport(id: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: postImportKeys.detail(id ?? ''),
    queryFn: async () => {
      const report = unwrap(
        await api.GET('/api/v1/posts/imports/{id}', { params: { path: { id: id as string } } }),
      );
      if (report.status !== 'running' && report.created > 0)
        await queryClient.invalidateQueries({ queryKey: postKeys.all });
      return report;
    },
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1000 : false),
  });
}
