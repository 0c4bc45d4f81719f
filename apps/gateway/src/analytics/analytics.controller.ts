import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AnalyticsSubjects, DateRangeQuery, WorkspaceSummaryView } from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { CsvInterceptor } from '../dashboard/csv.interceptor.js';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';

@ApiTags('analytics')
@ApiBearerAuth()
@Controller('api/v1/analytics')
export class AnalyticsController {
  constructor(private readonly rpc: RpcClient) {}

  /**
   * The workspace at a glance: catalog and user counts, and for the window (default the last 30 days)
   * clicks, unique clicks, impressions, CTR, engagement rate, orders, conversion rate, and revenue, EPC and
   * profit per currency. Bots and link previews are excluded from clicks.
   */
  @Get('summary')
  @ApiErrors(400, 401)
  @ApiProduces('application/json', 'text/csv')
  @UseInterceptors(CsvInterceptor)
  summary(@Query() query: DateRangeQuery, @Call() call: CallContext): Promise<WorkspaceSummaryView> {
    return this.rpc.send(AnalyticsSubjects.workspaceSummary, query, call);
  }
}
