import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  AnalyticsFilterQuery,
  AnalyticsPostParams,
  AnalyticsSubjects,
  BreakdownQuery,
  BreakdownView,
  DashboardSubjects,
  DateRangeQuery,
  ExperimentsQuery,
  ExperimentView,
  PostAnalyticsView,
  TimeseriesQuery,
  TimeseriesView,
  TopProductsQuery,
  WINNER_PROBABILITY,
  WorkspaceSummaryView,
} from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';
import { CsvInterceptor } from './csv.interceptor.js';

const EXPERIMENT_METHOD =
  'Each post whose tracked links carry two or more `variant` labels is an experiment. Per variant the ' +
  'rate is CTR (clicks / impressions) when every variant has impressions, otherwise conversions / clicks. ' +
  'Each rate gets a Beta(1 + successes, 1 + failures) posterior (uniform prior), and `probabilityToBeBest` ' +
  'is P(rate_i > every other rate), integrated numerically. If any variant has fewer trials than ' +
  '`minimumSample` (EXPERIMENT_MIN_SAMPLE) the verdict is `inconclusive`; otherwise `winner` when one ' +
  `variant is best with probability >= ${WINNER_PROBABILITY}, else \`no_difference\`.`;

/**
 * The dashboard: every `api/v1/analytics` route, each also answered as CSV (`?format=csv` or `Accept: text/csv`).
 * Summary, time series, breakdown and top products take `campaignId`, `postId`, `connectionId` and `variant`.
 */
@ApiTags('analytics')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv')
@UseInterceptors(CsvInterceptor)
@Controller('api/v1/analytics')
export class AnalyticsController {
  constructor(private readonly rpc: RpcClient) {}

  /**
   * The workspace at a glance: catalog and user counts, and for the window (default the last 30 days)
   * clicks, unique clicks, impressions, CTR, engagement rate, orders, conversion rate, and revenue, EPC,
   * profit and estimated commission per currency. Bots and link previews are excluded from clicks. Filters
   * narrow every figure but the counts to the matching tracked links, their sales and post targets.
   */
  @Get('summary')
  @ApiErrors(400, 401)
  summary(@Query() query: AnalyticsFilterQuery, @Call() call: CallContext): Promise<WorkspaceSummaryView> {
    return this.rpc.send(AnalyticsSubjects.workspaceSummary, query, call);
  }

  /**
   * One metric over time (`clicks`, `unique_clicks`, `orders`, `revenue`, `estimated_commission`) per hour,
   * day or week in `tz`.
   */
  @Get('timeseries')
  @ApiErrors(400, 401)
  timeseries(@Query() query: TimeseriesQuery, @Call() call: CallContext): Promise<TimeseriesView> {
    return this.rpc.send(DashboardSubjects.timeseries, query, call);
  }

  /**
   * Clicks, unique clicks, orders and revenue per platform, product, post, link, campaign, connection, variant,
   * country, device, ...
   */
  @Get('breakdown')
  @ApiErrors(400, 401)
  breakdown(@Query() query: BreakdownQuery, @Call() call: CallContext): Promise<BreakdownView> {
    return this.rpc.send(DashboardSubjects.breakdown, query, call);
  }

  /** Products ranked by revenue, then orders, then clicks. */
  @Get('top-products')
  @ApiErrors(400, 401)
  topProducts(@Query() query: TopProductsQuery, @Call() call: CallContext): Promise<BreakdownView> {
    return this.rpc.send(DashboardSubjects.topProducts, query, call);
  }

  /** One post: clicks, sales, platform metrics (all time) and a per-platform breakdown. */
  @Get('posts/:id')
  @ApiErrors(400, 401)
  post(
    @Param() params: AnalyticsPostParams,
    @Query() query: DateRangeQuery,
    @Call() call: CallContext,
  ): Promise<PostAnalyticsView> {
    return this.rpc.send(DashboardSubjects.post, { ...query, id: params.id }, call);
  }

  @Get('experiments')
  @ApiOperation({
    summary: 'Caption A/B tests of a post, of every post of a product, or (with neither) of the workspace',
    description: EXPERIMENT_METHOD,
  })
  @ApiErrors(400, 401)
  experiments(@Query() query: ExperimentsQuery, @Call() call: CallContext): Promise<ExperimentView[]> {
    return this.rpc.send(DashboardSubjects.experiments, query, call);
  }

  @Get('experiments/:id')
  @ApiOperation({ summary: "One post's caption A/B test", description: EXPERIMENT_METHOD })
  @ApiErrors(400, 401, 404)
  experiment(@Param() params: AnalyticsPostParams, @Call() call: CallContext): Promise<ExperimentView> {
    return this.rpc.send(DashboardSubjects.experiment, params, call);
  }
}
