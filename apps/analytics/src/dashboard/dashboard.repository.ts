import { Injectable } from '@nestjs/common';
import type { BreakdownDimension, TimeseriesInterval } from '@app/contracts';
import { TransactionHost } from '@app/database';
import {
  ALL_DIMENSION,
  CONVERSION_DIMENSION_COLUMNS,
  isVisitDimension,
  LINK_DIMENSION_COLUMNS,
  LINK_ID_LENGTH,
  linkVisitDimension,
  type RollupDimension,
} from '../rollups/rollup-dimensions.js';
import type { DateRange } from './date-range.js';
import { filterConditions, isFiltered, type ReportFilter } from './report-filter.js';

export interface TrafficRow {
  value: string;
  clicks: number;
  uniqueClicks: number;
  botClicks: number;
}

export interface SalesRow {
  value: string;
  currency: string;
  orders: number;
  revenueMinor: number;
  /** Product cost of these orders, null when some sold product has no known cost in this currency. */
  costMinor: number | null;
  /** Revenue times commission rate over the sold products with a rate; null when none has one. */
  commissionMinor: number | null;
}

export interface EngagementTotals {
  impressions: number;
  engagements: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  platformClicks: number;
}

export interface TimePoint {
  at: Date;
  value: number;
}

export type SalesMeasure = 'orders' | 'revenue' | 'estimated_commission';

const EARNING = `status IN ('approved', 'pending')`;

const SALES_MEASURES: Record<SalesMeasure, { value: string; having: string }> = {
  orders: { value: 'count(*)', having: '' },
  revenue: { value: 'sum(v.amount_minor)', having: '' },
  estimated_commission: {
    value: 'round(sum(v.amount_minor * p.commission_rate / 100))',
    having: 'HAVING bool_or(p.commission_rate IS NOT NULL)',
  },
};

type RollupRow = { value: string; clicks: string; unique_clicks: string; bot_clicks: string };

const toTrafficRow = (row: RollupRow): TrafficRow => ({
  value: row.value,
  clicks: Number(row.clicks),
  uniqueClicks: Number(row.unique_clicks),
  botClicks: Number(row.bot_clicks),
});

const rollupTable = (range: DateRange) =>
  range.isWholeUtcDays ? 'click_rollups_daily' : 'click_rollups_hourly';

/**
 * The workspace's links a filter picks, as a CTE `picked` (every links column), its values appended to
 * `parameters` after the workspace id ($1).
 */
function pickedLinks(filter: ReportFilter, parameters: unknown[]): string {
  return `picked AS (SELECT l.* FROM links l WHERE l.workspace_id = $1${filterConditions('l', filter, parameters)})`;
}

/**
 * Every dashboard query: rollups for traffic (never raw clicks), conversions for sales, targets for reach.
 * A filtered report reads the per-link rollups of the links its filter picks.
 */
@Injectable()
export class DashboardRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Clicks per value of a dimension in the window, from the daily rollup when the window is whole UTC days;
   * over the links the filter picks when it names any.
   */
  async traffic(
    workspaceId: string,
    dimension: BreakdownDimension | typeof ALL_DIMENSION,
    range: DateRange,
    filter: ReportFilter = {},
    values?: string[],
  ): Promise<TrafficRow[]> {
    if (isFiltered(filter)) return this.trafficOfLinks(workspaceId, dimension, range, filter);
    const rows: RollupRow[] = await this.tx.manager.query(
      `SELECT value, sum(clicks) AS clicks, sum(unique_clicks) AS unique_clicks, sum(bot_clicks) AS bot_clicks
       FROM ${rollupTable(range)}
       WHERE workspace_id = $1 AND dimension = $2 AND bucket >= $3 AND bucket < $4
         AND ($5::text[] IS NULL OR value = ANY($5))
       GROUP BY value`,
      [workspaceId, dimension satisfies RollupDimension, range.from, range.to, values ?? null],
    );
    return rows.map(toTrafficRow);
  }

  /**
   * Clicks of the picked links per value of a dimension: a dimension the link fixes is read from the link, one
   * the visit fixes from the per-link rollup of that dimension (`link_country`: `<link id>:<country>`).
   */
  private async trafficOfLinks(
    workspaceId: string,
    dimension: BreakdownDimension | typeof ALL_DIMENSION,
    range: DateRange,
    filter: ReportFilter,
  ): Promise<TrafficRow[]> {
    const parameters: unknown[] = [workspaceId];
    const picked = pickedLinks(filter, parameters);
    const isVisit = dimension !== ALL_DIMENSION && isVisitDimension(dimension);
    const rollupDimension: RollupDimension = isVisit ? linkVisitDimension(dimension) : 'link';
    const linkId = isVisit ? `left(r.value, ${LINK_ID_LENGTH})` : 'r.value';
    const value = isVisit
      ? `substr(r.value, ${LINK_ID_LENGTH + 2})`
      : `coalesce(${LINK_DIMENSION_COLUMNS[dimension as keyof typeof LINK_DIMENSION_COLUMNS]}, '')`;
    parameters.push(rollupDimension, range.from, range.to);
    const n = parameters.length;
    const rows: RollupRow[] = await this.tx.manager.query(
      `WITH ${picked}
       SELECT ${value} AS value, sum(r.clicks) AS clicks, sum(r.unique_clicks) AS unique_clicks,
              sum(r.bot_clicks) AS bot_clicks
       FROM picked l
       JOIN ${rollupTable(range)} r ON r.workspace_id = l.workspace_id AND ${linkId} = l.id::text
       WHERE r.dimension = $${n - 2} AND r.bucket >= $${n - 1} AND r.bucket < $${n}
       GROUP BY 1`,
      parameters,
    );
    return rows.map(toTrafficRow);
  }

  /**
   * Earning orders per currency and value of a dimension (or in total), with product cost where known and
   * the commission of the sold products that have a rate.
   */
  async sales(
    workspaceId: string,
    dimension: BreakdownDimension | typeof ALL_DIMENSION,
    range: DateRange,
    filter: ReportFilter = {},
  ): Promise<SalesRow[]> {
    const column =
      dimension === ALL_DIMENSION ? `''` : `coalesce(v.${CONVERSION_DIMENSION_COLUMNS[dimension]}, '')`;
    const parameters: unknown[] = [workspaceId, range.from, range.to];
    const rows: Array<{
      value: string;
      currency: string;
      orders: string;
      revenue: string;
      cost: string | null;
      commission: string | null;
    }> = await this.tx.manager.query(
      `SELECT ${column} AS value, v.currency, count(*) AS orders, sum(v.amount_minor) AS revenue,
                CASE WHEN bool_and(p.cost_minor IS NOT NULL AND p.currency = v.currency)
                     THEN sum(p.cost_minor) END AS cost,
                CASE WHEN bool_or(p.commission_rate IS NOT NULL)
                     THEN round(sum(v.amount_minor * p.commission_rate / 100)) END AS commission
         FROM conversions v
         LEFT JOIN catalog_products p ON p.id = v.product_id AND p.workspace_id = v.workspace_id
         WHERE v.workspace_id = $1 AND v.occurred_at >= $2 AND v.occurred_at < $3 AND v.${EARNING}
           ${filterConditions('v', filter, parameters)}
         GROUP BY 1, 2`,
      parameters,
    );
    return rows.map((row) => ({
      value: row.value,
      currency: row.currency,
      orders: Number(row.orders),
      revenueMinor: Number(row.revenue),
      costMinor: row.cost === null ? null : Number(row.cost),
      commissionMinor: row.commission === null ? null : Number(row.commission),
    }));
  }

  /**
   * Reach and engagement of the targets published in the window (or whenever published, without one) that
   * the filter picks: by their post, variant and connection, and for a campaign, the targets its links name.
   */
  async engagement(
    workspaceId: string,
    range: DateRange | null,
    filter: ReportFilter = {},
  ): Promise<EngagementTotals> {
    const parameters: unknown[] = [workspaceId, range?.from ?? null, range?.to ?? null];
    let conditions = filterConditions('t', filter, parameters, ['campaignId']);
    if (filter.campaignId !== undefined) {
      parameters.push(filter.campaignId);
      conditions += ` AND t.target_id IN (SELECT target_id FROM links
                        WHERE workspace_id = $1 AND campaign_id = $${parameters.length})`;
    }
    const rows: Array<Record<keyof EngagementTotals, string | null>> = await this.tx.manager.query(
      `SELECT sum(impressions) AS impressions, sum(likes + comments + shares + saves) AS engagements,
              sum(likes) AS likes, sum(comments) AS comments, sum(shares) AS shares, sum(saves) AS saves,
              sum(platform_clicks) AS "platformClicks"
       FROM published_targets t
       WHERE t.workspace_id = $1
         AND ($2::timestamptz IS NULL OR coalesce(t.published_at, t.collected_at) >= $2)
         AND ($3::timestamptz IS NULL OR coalesce(t.published_at, t.collected_at) < $3)${conditions}`,
      parameters,
    );
    const row = rows[0];
    const n = (value: string | null | undefined) => Number(value ?? 0);
    return {
      impressions: n(row?.impressions),
      engagements: n(row?.engagements),
      likes: n(row?.likes),
      comments: n(row?.comments),
      shares: n(row?.shares),
      saves: n(row?.saves),
      platformClicks: n(row?.platformClicks),
    };
  }

  /** Clicks (or unique clicks) per bucket of the interval in the time zone, from hourly rollups. */
  async clickSeries(
    workspaceId: string,
    column: 'clicks' | 'unique_clicks',
    interval: TimeseriesInterval,
    range: DateRange,
    filter: ReportFilter = {},
  ): Promise<TimePoint[]> {
    if (!isFiltered(filter)) {
      return this.series(
        `SELECT date_trunc($5, bucket, $6) AS at, sum(${column}) AS value FROM click_rollups_hourly
         WHERE workspace_id = $1 AND dimension = $2 AND bucket >= $3 AND bucket < $4 GROUP BY 1 ORDER BY 1`,
        [workspaceId, ALL_DIMENSION, range.from, range.to, interval, range.tz],
      );
    }
    const parameters: unknown[] = [workspaceId];
    const picked = pickedLinks(filter, parameters);
    parameters.push(range.from, range.to, interval, range.tz);
    const n = parameters.length;
    return this.series(
      `WITH ${picked}
       SELECT date_trunc($${n - 1}, r.bucket, $${n}) AS at, sum(r.${column}) AS value
       FROM picked l
       JOIN click_rollups_hourly r ON r.workspace_id = l.workspace_id AND r.value = l.id::text
       WHERE r.dimension = 'link' AND r.bucket >= $${n - 3} AND r.bucket < $${n - 2}
       GROUP BY 1 ORDER BY 1`,
      parameters,
    );
  }

  /** Earning orders, or revenue or estimated commission in one currency, per bucket. */
  async salesSeries(
    workspaceId: string,
    measure: SalesMeasure,
    interval: TimeseriesInterval,
    range: DateRange,
    currency: string | null,
    filter: ReportFilter = {},
  ): Promise<TimePoint[]> {
    const { value, having } = SALES_MEASURES[measure];
    const parameters: unknown[] = [workspaceId, range.from, range.to, interval, range.tz, currency];
    return this.series(
      `SELECT date_trunc($4, v.occurred_at, $5) AS at, ${value} AS value
       FROM conversions v
       LEFT JOIN catalog_products p ON p.id = v.product_id AND p.workspace_id = v.workspace_id
       WHERE v.workspace_id = $1 AND v.occurred_at >= $2 AND v.occurred_at < $3 AND v.${EARNING}
         AND ($6::text IS NULL OR v.currency = $6)${filterConditions('v', filter, parameters)}
       GROUP BY 1 ${having} ORDER BY 1`,
      parameters,
    );
  }

  /** The currency most of the workspace's orders are in, for a revenue chart that names none. */
  async mainCurrency(workspaceId: string): Promise<string | null> {
    const rows: Array<{ currency: string }> = await this.tx.manager.query(
      `SELECT currency FROM conversions WHERE workspace_id = $1 GROUP BY currency ORDER BY count(*) DESC LIMIT 1`,
      [workspaceId],
    );
    return rows[0]?.currency ?? null;
  }

  /** Titles of the workspace's products, by id. */
  async productTitles(workspaceId: string, ids: string[]): Promise<Map<string, string>> {
    return this.labels('SELECT id::text, title AS label FROM catalog_products', workspaceId, ids);
  }

  /** Short codes of the workspace's links, by id. */
  async linkCodes(workspaceId: string, ids: string[]): Promise<Map<string, string>> {
    return this.labels('SELECT id::text, code AS label FROM links', workspaceId, ids);
  }

  /** The `utm_campaign` (the campaign's slug) of each campaign's newest link, by campaign id. */
  async campaignSlugs(workspaceId: string, ids: string[]): Promise<Map<string, string>> {
    return this.labels(
      `SELECT DISTINCT ON (campaign_id) campaign_id::text AS id, utm->>'campaign' AS label FROM links`,
      workspaceId,
      ids,
      'campaign_id',
      'ORDER BY campaign_id, created_at DESC',
    );
  }

  /** The platform of each connection's links, by connection id. */
  async connectionPlatforms(workspaceId: string, ids: string[]): Promise<Map<string, string>> {
    return this.labels(
      `SELECT DISTINCT ON (connection_id) connection_id::text AS id, platform AS label FROM links`,
      workspaceId,
      ids,
      'connection_id',
      'ORDER BY connection_id, created_at DESC',
    );
  }

  /** Clicks of one post's links per platform, from the per-link rollups. */
  async postTrafficByPlatform(workspaceId: string, postId: string, range: DateRange): Promise<TrafficRow[]> {
    return this.trafficOfLinks(workspaceId, 'platform', range, { postId });
  }

  private async labels(
    select: string,
    workspaceId: string,
    ids: string[],
    idColumn = 'id',
    order = '',
  ): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; label: string | null }> = await this.tx.manager.query(
      `${select} WHERE workspace_id = $1 AND ${idColumn} = ANY($2::uuid[]) ${order}`,
      [workspaceId, ids],
    );
    return new Map(rows.flatMap((row) => (row.label === null ? [] : [[row.id, row.label]])));
  }

  private async series(sql: string, parameters: unknown[]): Promise<TimePoint[]> {
    const rows: Array<{ at: Date; value: string }> = await this.tx.manager.query(sql, parameters);
    return rows.map((row) => ({ at: row.at, value: Number(row.value) }));
  }
}
