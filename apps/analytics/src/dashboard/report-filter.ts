import type { AnalyticsFilterQuery } from '@app/contracts';

/** What a report is narrowed to: the tracked links matching every filter given, their clicks and their sales. */
export type ReportFilter = Pick<AnalyticsFilterQuery, 'campaignId' | 'postId' | 'connectionId' | 'variant'>;

/** The column of each filter, the same in links, clicks and conversions. */
const FILTER_COLUMNS = [
  ['campaignId', 'campaign_id'],
  ['postId', 'post_id'],
  ['connectionId', 'connection_id'],
  ['variant', 'variant'],
] as const satisfies ReadonlyArray<readonly [keyof ReportFilter, string]>;

/** The filters of a query, and none of its other fields. */
export function reportFilterOf(query: ReportFilter): ReportFilter {
  const filter: ReportFilter = {};
  for (const [key] of FILTER_COLUMNS) if (query[key] !== undefined) filter[key] = query[key];
  return filter;
}

export function isFiltered(filter: ReportFilter): boolean {
  return FILTER_COLUMNS.some(([key]) => filter[key] !== undefined);
}

/**
 * ` AND <alias>.<column> = $n` for each filter given, its value appended to `parameters`. Only the filters
 * given become conditions, so an unfiltered report's plan is the one it had before filters existed.
 */
export function filterConditions(
  alias: string,
  filter: ReportFilter,
  parameters: unknown[],
  except: ReadonlyArray<keyof ReportFilter> = [],
): string {
  let sql = '';
  for (const [key, column] of FILTER_COLUMNS) {
    const value = filter[key];
    if (value === undefined || except.includes(key)) continue;
    parameters.push(value);
    sql += ` AND ${alias}.${column} = $${parameters.length}`;
  }
  return sql;
}
