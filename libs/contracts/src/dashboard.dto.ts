import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Trim } from './validation.js';

/** Request subjects of the dashboard and experiments (analytics service). */
export const DashboardSubjects = {
  timeseries: 'analytics.timeseries.get',
  breakdown: 'analytics.breakdown.get',
  topProducts: 'analytics.top-product.list',
  post: 'analytics.post.get',
  experiments: 'analytics.experiment.list',
  experiment: 'analytics.experiment.get',
} as const;

export const TIMESERIES_METRICS = [
  'clicks',
  'unique_clicks',
  'orders',
  'revenue',
  'estimated_commission',
] as const;
export type TimeseriesMetric = (typeof TIMESERIES_METRICS)[number];
export const TIMESERIES_INTERVALS = ['hour', 'day', 'week'] as const;
export type TimeseriesInterval = (typeof TIMESERIES_INTERVALS)[number];
export const BREAKDOWN_DIMENSIONS = [
  'platform',
  'product',
  'post',
  'link',
  'variant',
  'country',
  'device',
  'browser',
  'os',
  'referrer',
  'utm_source',
  'utm_campaign',
  'campaign',
  'connection',
] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

/** A time window; defaults to the last 30 days. `tz` is an IANA zone used for day and week buckets. */
export class DateRangeQuery {
  @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @IsOptional() @IsString() @MaxLength(64) tz?: string;
  /** `csv` for a CSV file (same as `Accept: text/csv`). */
  @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

/**
 * A window narrowed to the tracked links of a campaign, a post, a platform connection and/or a caption variant
 * (all given must match), with their clicks and sales; impressions count the matching post targets. An id the
 * workspace does not know gives empty figures.
 */
export class AnalyticsFilterQuery extends DateRangeQuery {
  @IsOptional() @IsUUID('all', { message: 'campaignId must be a UUID' }) campaignId?: string;
  @IsOptional() @IsUUID('all', { message: 'postId must be a UUID' }) postId?: string;
  @IsOptional() @IsUUID('all', { message: 'connectionId must be a UUID' }) connectionId?: string;
  /** A caption variant label (`A`, `B`). */
  @IsOptional() @Trim() @IsString() @Length(1, 50) variant?: string;
}

export class TimeseriesQuery extends AnalyticsFilterQuery {
  @IsOptional() @IsIn(TIMESERIES_METRICS) metric?: TimeseriesMetric;
  @IsOptional() @IsIn(TIMESERIES_INTERVALS) interval?: TimeseriesInterval;
  /** For `revenue` and `estimated_commission`: the currency to chart (default: the workspace's most frequent one). */
  @IsOptional() @IsString() @MaxLength(3) currency?: string;
}

export class BreakdownQuery extends AnalyticsFilterQuery {
  @IsIn(BREAKDOWN_DIMENSIONS) by!: BreakdownDimension;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class TopProductsQuery extends AnalyticsFilterQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class AnalyticsPostParams {
  @IsUUID() id!: string;
}

export class PostAnalyticsRequest extends DateRangeQuery {
  @IsUUID() id!: string;
}

export class ExperimentsQuery {
  @IsOptional() @IsUUID() postId?: string;
  @IsOptional() @IsUUID() productId?: string;
  /** The campaign's own experiment (its bank's variants across all its posts) and those of its posts. */
  @IsOptional() @IsUUID() campaignId?: string;
  /**
   * Trials each variant needs before a verdict (impressions for CTR, clicks for conversion rate); the
   * workspace default (`EXPERIMENT_MIN_SAMPLE`) when absent.
   */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) minimumSample?: number;
}

export class RevenueView {
  currency!: string;
  revenueMinor!: number;
  orders!: number;
  /** Earnings per click (revenue / human clicks), minor units. */
  epcMinor!: number;
  /** Revenue minus known product cost, when every sold product's cost is known in this currency. */
  profitMinor!: number | null;
  /**
   * Commission earned on affiliate products: each sale's amount times its product's commission rate, for the
   * products that have a rate (the others add nothing); null when no product sold has one.
   */
  estimatedCommissionMinor!: number | null;
}

export class TimeseriesPointView {
  at!: string;
  value!: number;
}

export class TimeseriesView {
  metric!: TimeseriesMetric;
  interval!: TimeseriesInterval;
  tz!: string;
  from!: string;
  to!: string;
  points!: TimeseriesPointView[];
}

export class BreakdownRowView {
  /** The dimension's value (`(none)` when unknown). */
  key!: string;
  /** Human-readable name when known: product title, link code, campaign `utm_campaign`, connection platform. */
  label!: string | null;
  clicks!: number;
  uniqueClicks!: number;
  orders!: number;
  revenue!: RevenueView[];
}

export class BreakdownView {
  by!: BreakdownDimension;
  from!: string;
  to!: string;
  rows!: BreakdownRowView[];
}

export class PostMetricsView {
  impressions!: number;
  engagements!: number;
  likes!: number;
  comments!: number;
  shares!: number;
  saves!: number;
  platformClicks!: number;
}

export class PostAnalyticsView {
  postId!: string;
  clicks!: number;
  uniqueClicks!: number;
  orders!: number;
  revenue!: RevenueView[];
  metrics!: PostMetricsView;
  byPlatform!: BreakdownRowView[];
}

export class VariantResultView {
  variant!: string;
  impressions!: number;
  clicks!: number;
  conversions!: number;
  /** clicks / impressions, null without impressions. */
  ctr!: number | null;
  /** conversions / clicks, null without clicks. */
  conversionRate!: number | null;
  /** Bayesian probability (Beta-Binomial, uniform prior) that this variant's rate is the highest. */
  probabilityToBeBest!: number;
}

/** Probability to be best at or above which an experiment's leading variant is declared the winner. */
export const WINNER_PROBABILITY = 0.95;

/**
 * `post`: the variants of one post's targets. `campaign`: the variants of a campaign's bank, across every post
 * the campaign made (each post carries one).
 */
export const EXPERIMENT_SCOPES = ['post', 'campaign'] as const;
export type ExperimentScope = (typeof EXPERIMENT_SCOPES)[number];

export class ExperimentView {
  /** The post (scope `post`) or the campaign (scope `campaign`) whose caption variants are compared. */
  id!: string;
  scope!: ExperimentScope;
  /** The post of a `post` experiment; null for a campaign's. */
  postId!: string | null;
  /** The campaign the compared links belong to, if any. */
  campaignId!: string | null;
  /** The product the compared links promote; null when they promote several. */
  productId!: string | null;
  /** `ctr` when every variant has impressions, else `conversion_rate` (conversions per click). */
  metric!: 'ctr' | 'conversion_rate';
  minimumSample!: number;
  verdict!: 'inconclusive' | 'winner' | 'no_difference';
  winner!: string | null;
  variants!: VariantResultView[];
}
