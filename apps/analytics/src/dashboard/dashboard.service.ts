import { Injectable } from '@nestjs/common';
import type {
  AnalyticsFilterQuery,
  BreakdownDimension,
  BreakdownQuery,
  BreakdownView,
  PostAnalyticsRequest,
  PostAnalyticsView,
  TimeseriesQuery,
  TimeseriesView,
  TopProductsQuery,
  WorkspaceSummaryView,
} from '@app/contracts';
import type { RequestContext } from '@app/messaging';
import { ALL_DIMENSION } from '../rollups/rollup-dimensions.js';
import { byEarnings, NONE_KEY, ratio, toBreakdownRows, toRevenueViews } from './dashboard.mapper.js';
import { DashboardRepository } from './dashboard.repository.js';
import { type ReportFilter, reportFilterOf } from './report-filter.js';
import { type DateRange, resolveDateRange } from './date-range.js';

export type TrafficSummary = Omit<WorkspaceSummaryView, 'workspaceId' | 'products' | 'registeredUsers'>;

/**
 * Dashboard figures of the caller's workspace, all read from rollups, conversions and read models; each
 * report but a post's may be narrowed to a campaign, post, connection and caption variant.
 */
@Injectable()
export class DashboardService {
  constructor(private readonly dashboard: DashboardRepository) {}

  async summary(context: RequestContext, query: AnalyticsFilterQuery): Promise<TrafficSummary> {
    const range = resolveDateRange(query);
    const filter = reportFilterOf(query);
    const { workspaceId } = context.principal;
    const [traffic, sales, engagement] = await Promise.all([
      this.dashboard.traffic(workspaceId, ALL_DIMENSION, range, filter),
      this.dashboard.sales(workspaceId, ALL_DIMENSION, range, filter),
      this.dashboard.engagement(workspaceId, range, filter),
    ]);
    const clicks = traffic[0]?.clicks ?? 0;
    const orders = sales.reduce((sum, row) => sum + row.orders, 0);
    return {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      clicks,
      uniqueClicks: traffic[0]?.uniqueClicks ?? 0,
      botClicks: traffic[0]?.botClicks ?? 0,
      impressions: engagement.impressions,
      engagements: engagement.engagements,
      ctr: ratio(clicks, engagement.impressions),
      engagementRate: ratio(engagement.engagements, engagement.impressions),
      orders,
      conversionRate: ratio(orders, clicks),
      revenue: toRevenueViews(sales, clicks),
    };
  }

  async timeseries(context: RequestContext, query: TimeseriesQuery): Promise<TimeseriesView> {
    const range = resolveDateRange(query);
    const filter = reportFilterOf(query);
    const metric = query.metric ?? 'clicks';
    const interval = query.interval ?? 'day';
    const { workspaceId } = context.principal;
    const points =
      metric === 'clicks' || metric === 'unique_clicks'
        ? await this.dashboard.clickSeries(workspaceId, metric, interval, range, filter)
        : await this.dashboard.salesSeries(
            workspaceId,
            metric,
            interval,
            range,
            metric === 'orders'
              ? null
              : (query.currency?.toUpperCase() ?? (await this.dashboard.mainCurrency(workspaceId))),
            filter,
          );
    return {
      metric,
      interval,
      tz: range.tz,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      points: points.map((point) => ({ at: point.at.toISOString(), value: point.value })),
    };
  }

  async breakdown(context: RequestContext, query: BreakdownQuery): Promise<BreakdownView> {
    const range = resolveDateRange(query);
    const rows = await this.breakdownRows(
      context.principal.workspaceId,
      query.by,
      range,
      reportFilterOf(query),
    );
    rows.sort((a, b) => b.clicks - a.clicks || byEarnings(a, b));
    return {
      by: query.by,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      rows: rows.slice(0, query.limit ?? 100),
    };
  }

  async topProducts(context: RequestContext, query: TopProductsQuery): Promise<BreakdownView> {
    const range = resolveDateRange(query);
    const rows = (
      await this.breakdownRows(context.principal.workspaceId, 'product', range, reportFilterOf(query))
    ).filter((row) => row.key !== NONE_KEY);
    rows.sort(byEarnings);
    return {
      by: 'product',
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      rows: rows.slice(0, query.limit ?? 10),
    };
  }

  async post(context: RequestContext, query: PostAnalyticsRequest): Promise<PostAnalyticsView> {
    const range = resolveDateRange(query);
    const { workspaceId } = context.principal;
    const ofPost = { postId: query.id };
    const [traffic, sales, metrics, platformTraffic, platformSales] = await Promise.all([
      this.dashboard.traffic(workspaceId, 'post', range, {}, [query.id]),
      this.dashboard.sales(workspaceId, ALL_DIMENSION, range, ofPost),
      this.dashboard.engagement(workspaceId, null, ofPost),
      this.dashboard.postTrafficByPlatform(workspaceId, query.id, range),
      this.dashboard.sales(workspaceId, 'platform', range, ofPost),
    ]);
    const clicks = traffic[0]?.clicks ?? 0;
    const { impressions, engagements, likes, comments, shares, saves, platformClicks } = metrics;
    return {
      postId: query.id,
      clicks,
      uniqueClicks: traffic[0]?.uniqueClicks ?? 0,
      orders: sales.reduce((sum, row) => sum + row.orders, 0),
      revenue: toRevenueViews(sales, clicks),
      metrics: { impressions, engagements, likes, comments, shares, saves, platformClicks },
      byPlatform: toBreakdownRows(platformTraffic, platformSales, new Map()),
    };
  }

  private async breakdownRows(
    workspaceId: string,
    by: BreakdownDimension,
    range: DateRange,
    filter: ReportFilter,
  ) {
    const [traffic, sales] = await Promise.all([
      this.dashboard.traffic(workspaceId, by, range, filter),
      this.dashboard.sales(workspaceId, by, range, filter),
    ]);
    const ids = [...new Set([...traffic, ...sales].map((row) => row.value).filter(Boolean))];
    return toBreakdownRows(traffic, sales, await this.labels(workspaceId, by, ids));
  }

  /** Names for the keys of a breakdown, where analytics knows any. */
  private labels(workspaceId: string, by: BreakdownDimension, ids: string[]): Promise<Map<string, string>> {
    switch (by) {
      case 'product':
        return this.dashboard.productTitles(workspaceId, ids);
      case 'link':
        return this.dashboard.linkCodes(workspaceId, ids);
      case 'campaign':
        return this.dashboard.campaignSlugs(workspaceId, ids);
      case 'connection':
        return this.dashboard.connectionPlatforms(workspaceId, ids);
      default:
        return Promise.resolve(new Map());
    }
  }
}
