import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api/client';
import { unwrap } from '../../lib/api/api-error';
import type { Schema } from '../../lib/api/types';
import type { RangeQuery } from './date-range';
import type { ReportFilters } from './filters';

/** A report's window and what it is narrowed to: the query every dashboard request takes. */
export type ReportQuery = RangeQuery & ReportFilters;

export type Summary = Schema<'WorkspaceSummaryView'>;
export type Breakdown = Schema<'BreakdownView'>;
export type BreakdownRow = Schema<'BreakdownRowView'>;
export type BreakdownDimension = Breakdown['by'];
export type Timeseries = Schema<'TimeseriesView'>;
export type TimeseriesMetric = Timeseries['metric'];
export type Experiment = Schema<'ExperimentView'>;
export type Revenue = Schema<'RevenueView'>;
export type TrackedLink = Schema<'LinkView'>;
export type CreateLink = Schema<'CreateLinkDto'>;

export const analyticsKeys = {
  all: ['analytics'] as const,
  summary: (query: ReportQuery) => [...analyticsKeys.all, 'summary', query] as const,
  timeseries: (query: ReportQuery, metric: TimeseriesMetric, currency?: string) =>
    [...analyticsKeys.all, 'timeseries', query, metric, currency] as const,
  breakdown: (query: ReportQuery, by: BreakdownDimension) =>
    [...analyticsKeys.all, 'breakdown', query, by] as const,
  topProducts: (query: ReportQuery) => [...analyticsKeys.all, 'top-products', query] as const,
  experiments: (postId?: string) => [...analyticsKeys.all, 'experiments', postId] as const,
  campaigns: () => [...analyticsKeys.all, 'campaigns'] as const,
  links: () => [...analyticsKeys.all, 'links'] as const,
  linkClicks: () => [...analyticsKeys.all, 'links', 'clicks'] as const,
};

/** Figures for a window can change while the page is open (clicks arrive in batches): refresh them now and then. */
const LIVE = { refetchInterval: 15_000, placeholderData: keepPreviousData } as const;

export function useSummary(query: ReportQuery) {
  return useQuery({
    queryKey: analyticsKeys.summary(query),
    queryFn: async () => unwrap(await api.GET('/api/v1/analytics/summary', { params: { query } })),
    ...LIVE,
  });
}

/** Money metrics are charted in `currency` (the one the page names), counts need none. */
export function useTimeseries(query: ReportQuery, metric: TimeseriesMetric, currency?: string) {
  return useQuery({
    queryKey: analyticsKeys.timeseries(query, metric, currency),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/analytics/timeseries', {
          params: { query: { ...query, metric, interval: 'day', ...(currency ? { currency } : {}) } },
        }),
      ),
    ...LIVE,
  });
}

export function useBreakdown(query: ReportQuery, by: BreakdownDimension, isEnabled = true) {
  return useQuery({
    queryKey: analyticsKeys.breakdown(query, by),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/analytics/breakdown', { params: { query: { ...query, by, limit: 50 } } }),
      ),
    enabled: isEnabled,
    ...LIVE,
  });
}

export function useTopProducts(query: ReportQuery) {
  return useQuery({
    queryKey: analyticsKeys.topProducts(query),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/analytics/top-products', { params: { query: { ...query, limit: 10 } } })),
    ...LIVE,
  });
}

/** The workspace's caption experiments, or the one of a post. */
export function useExperiments(postId?: string) {
  return useQuery({
    queryKey: analyticsKeys.experiments(postId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/analytics/experiments', { params: { query: postId ? { postId } : {} } })),
  });
}

/** The workspace's campaigns, to choose one to narrow the reports to and to name breakdown rows. */
export function useCampaignChoices() {
  return useQuery({
    queryKey: analyticsKeys.campaigns(),
    queryFn: async () => unwrap(await api.GET('/api/v1/campaigns')),
  });
}

/** What the analytics page can export: each answers CSV with `format=csv`. */
export type CsvExport =
  | { of: 'summary'; range: ReportQuery }
  | { of: 'timeseries'; range: ReportQuery; metric: TimeseriesMetric }
  | { of: 'breakdown'; range: ReportQuery; by: BreakdownDimension }
  | { of: 'top-products'; range: ReportQuery };

async function fetchCsv(request: CsvExport): Promise<Blob> {
  const format = 'csv' as const;
  const parseAs = 'blob' as const;
  switch (request.of) {
    case 'summary':
      return unwrap(
        await api.GET('/api/v1/analytics/summary', {
          params: { query: { ...request.range, format } },
          parseAs,
        }),
      );
    case 'timeseries':
      return unwrap(
        await api.GET('/api/v1/analytics/timeseries', {
          params: { query: { ...request.range, metric: request.metric, interval: 'day', format } },
          parseAs,
        }),
      );
    case 'breakdown':
      return unwrap(
        await api.GET('/api/v1/analytics/breakdown', {
          params: { query: { ...request.range, by: request.by, limit: 50, format } },
          parseAs,
        }),
      );
    case 'top-products':
      return unwrap(
        await api.GET('/api/v1/analytics/top-products', {
          params: { query: { ...request.range, limit: 10, format } },
          parseAs,
        }),
      );
  }
}

/** Downloads a CSV the API wrote, through an object URL (the file is the server's, not rebuilt here). */
export function useCsvExport() {
  return useMutation({
    mutationFn: async ({ request, fileName }: { request: CsvExport; fileName: string }) => {
      const blob = await fetchCsv(request);
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = fileName;
      anchor.click();
      // The click has handed the file to the browser; the URL is not needed after this turn.
      setTimeout(() => URL.revokeObjectURL(url), 0);
    },
  });
}

// --- tracked links ------------------------------------------------------------------------------------------

export function useLinks() {
  return useQuery({
    queryKey: analyticsKeys.links(),
    queryFn: async () => unwrap(await api.GET('/api/v1/links', { params: { query: { limit: 100 } } })),
  });
}

/** Human clicks per link id over the reports' default window (the last 30 days). */
export function useLinkClicks() {
  return useQuery({
    queryKey: analyticsKeys.linkClicks(),
    queryFn: async () => {
      const breakdown = unwrap(
        await api.GET('/api/v1/analytics/breakdown', { params: { query: { by: 'link', limit: 500 } } }),
      );
      return new Map(breakdown.rows.map((row) => [row.key, row]));
    },
    refetchInterval: 15_000,
  });
}

export function useCreateLink() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { showsOwnError: true, successMessage: 'Tracked link created' },
    mutationFn: async (body: CreateLink) => unwrap(await api.POST('/api/v1/links', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: analyticsKeys.links() }),
  });
}

export function useSetLinkDisabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, isDisabled }: { id: string; isDisabled: boolean }) =>
      unwrap(await api.PATCH('/api/v1/links/{id}', { params: { path: { id } }, body: { isDisabled } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: analyticsKeys.links() }),
  });
}

export function useDeleteLink() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { successMessage: 'Link deleted' },
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/links/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: analyticsKeys.links() }),
  });
}
