import { Injectable } from '@nestjs/common';
import type { BreakdownDimension, TimeseriesInterval } from '@app/contracts';
import { TransactionHost } from '@app/database';
import {
  ALL_DIMENSION,
  CONVERSION_DIMENSION_COLUMNS,
  type RollupDimension,
} from '../rollups/rollup-dimensions.js';
import type { DateRange } from './date-range.js';

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

const EARNING = `status IN ('approved', 'pending')`;

/** Every dashboard query: rollups for traffic (never raw clicks), conversions for sales, targets for reach. */
@Injectable()
export class DashboardRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Clicks per value of a dimension in the window, from the daily rollup when the window is whole UTC days. */
  async traffic(
    workspaceId: string,
    dimension: RollupDimension,
    range: DateRange,
    values?: string[],
  ): Promise<TrafficRow[]> {
    const table = range.isWholeUtcDays ? 'click_rollups_daily' : 'click_rollups_hourly';
    const rows: Array<{ value: string; clicks: string; unique_clicks: string; bot_clicks: string }> =
      await this.tx.manager.query(
        `SELECT value, sum(clicks) AS clicks, sum(unique_clicks) AS unique_clicks, sum(bot_clicks) AS bot_clicks
         FROM ${table}
         WHERE workspace_id = $1 AND dimension = $2 AND bucket >= $3 AND bucket < $4
           AND ($5::text[] IS NULL OR value = ANY($5))
         GROUP BY value`,
        [workspaceId, dimension, range.from, range.to, values ?? null],
      );
    return rows.map((row) => ({
      value: row.value,
      clicks: Number(row.clicks),
      uniqueClicks: Number(row.unique_clicks),
      botClicks: Number(row.bot_clicks),
    }));
  }

  /** Earning orders per currency and value of a dimension (or in total), with product cost where known. */
  async sales(
    workspaceId: string,
    dimension: BreakdownDimension | typeof ALL_DIMENSION,
    range: DateRange,
    filter?: { postId?: string },
  ): Promise<SalesRow[]> {
    const column =
      dimension === ALL_DIMENSION ? `''` : `coalesce(v.${CONVERSION_DIMENSION_COLUMNS[dimension]}, '')`;
    const rows: Array<{
      value: string;
      currency: string;
      orders: string;
      revenue: string;
      cost: string | null;
    }> = await this.tx.manager.query(
      `SELECT ${column} AS value, v.currency, count(*) AS orders, sum(v.amount_minor) AS revenue,
                CASE WHEN bool_and(p.cost_minor IS NOT NULL AND p.currency = v.currency)
                     THEN sum(p.cost_minor) END AS cost
         FROM conversions v
         LEFT JOIN catalog_products p ON p.id = v.product_id AND p.workspace_id = v.workspace_id
         WHERE v.workspace_id = $1 AND v.occurred_at >= $2 AND v.occurred_at < $3 AND v.${EARNING}
           AND ($4::uuid IS NULL OR v.post_id = $4)
         GROUP BY 1, 2`,
      [workspaceId, range.from, range.to, filter?.postId ?? null],
    );
    return rows.map((row) => ({
      value: row.value,
      currency: row.currency,
      orders: Number(row.orders),
      revenueMinor: Number(row.revenue),
      costMinor: row.cost === null ? null : Number(row.cost),
    }));
  }

  /** Reach and engagement of targets published in the window (or of one post, whenever published). */
  async engagement(workspaceId: string, range: DateRange | null, postId?: string): Promise<EngagementTotals> {
    const rows: Array<Record<keyof EngagementTotals, string | null>> = await this.tx.manager.query(
      `SELECT sum(impressions) AS impressions, sum(likes + comments + shares + saves) AS engagements,
              sum(likes) AS likes, sum(comments) AS comments, sum(shares) AS shares, sum(saves) AS saves,
              sum(platform_clicks) AS "platformClicks"
       FROM published_targets
       WHERE workspace_id = $1 AND ($2::uuid IS NULL OR post_id = $2)
         AND ($3::timestamptz IS NULL OR coalesce(published_at, collected_at) >= $3)
         AND ($4::timestamptz IS NULL OR coalesce(published_at, collected_at) < $4)`,
      [workspaceId, postId ?? null, range?.from ?? null, range?.to ?? null],
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

  /** Workspace clicks (or unique clicks) per bucket of the interval in the time zone, from hourly rollups. */
  async clickSeries(
    workspaceId: string,
    column: 'clicks' | 'unique_clicks',
    interval: TimeseriesInterval,
    range: DateRange,
  ): Promise<TimePoint[]> {
    return this.series(
      `SELECT date_trunc($5, bucket, $6) AS at, sum(${column}) AS value FROM click_rollups_hourly
       WHERE workspace_id = $1 AND dimension = $2 AND bucket >= $3 AND bucket < $4 GROUP BY 1 ORDER BY 1`,
      [workspaceId, ALL_DIMENSION, range.from, range.to, interval, range.tz],
    );
  }

  /** Earning orders, or revenue in one currency, per bucket. */
  async salesSeries(
    workspaceId: string,
    measure: 'orders' | 'revenue',
    interval: TimeseriesInterval,
    range: DateRange,
    currency: string | null,
  ): Promise<TimePoint[]> {
    const value = measure === 'orders' ? 'count(*)' : 'sum(amount_minor)';
    return this.series(
      `SELECT date_trunc($4, occurred_at, $5) AS at, ${value} AS value FROM conversions
       WHERE workspace_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND ${EARNING}
         AND ($6::text IS NULL OR currency = $6) GROUP BY 1 ORDER BY 1`,
      [workspaceId, range.from, range.to, interval, range.tz, currency],
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
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; title: string }> = await this.tx.manager.query(
      'SELECT id, title FROM catalog_products WHERE workspace_id = $1 AND id = ANY($2::uuid[])',
      [workspaceId, ids],
    );
    return new Map(rows.map((row) => [row.id, row.title]));
  }

  /** Short codes of the workspace's links, by id. */
  async linkCodes(workspaceId: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; code: string }> = await this.tx.manager.query(
      'SELECT id, code FROM links WHERE workspace_id = $1 AND id = ANY($2::uuid[])',
      [workspaceId, ids],
    );
    return new Map(rows.map((row) => [row.id, row.code]));
  }

  /** Clicks of one post's links per platform, from the per-link rollups. */
  async postTrafficByPlatform(workspaceId: string, postId: string, range: DateRange): Promise<TrafficRow[]> {
    const table = range.isWholeUtcDays ? 'click_rollups_daily' : 'click_rollups_hourly';
    const rows: Array<{ value: string; clicks: string; unique_clicks: string; bot_clicks: string }> =
      await this.tx.manager.query(
        `SELECT coalesce(l.platform, '') AS value, sum(r.clicks) AS clicks, sum(r.unique_clicks) AS unique_clicks,
                sum(r.bot_clicks) AS bot_clicks
         FROM links l
         JOIN ${table} r ON r.workspace_id = l.workspace_id AND r.dimension = 'link' AND r.value = l.id::text
         WHERE l.workspace_id = $1 AND l.post_id = $2 AND r.bucket >= $3 AND r.bucket < $4
         GROUP BY 1`,
        [workspaceId, postId, range.from, range.to],
      );
    return rows.map((row) => ({
      value: row.value,
      clicks: Number(row.clicks),
      uniqueClicks: Number(row.unique_clicks),
      botClicks: Number(row.bot_clicks),
    }));
  }

  private async series(sql: string, parameters: unknown[]): Promise<TimePoint[]> {
    const rows: Array<{ at: Date; value: string }> = await this.tx.manager.query(sql, parameters);
    return rows.map((row) => ({ at: row.at, value: Number(row.value) }));
  }
}
