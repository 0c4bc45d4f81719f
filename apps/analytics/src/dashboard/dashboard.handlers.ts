import { Controller } from '@nestjs/common';
import {
  type BreakdownQuery,
  DashboardSubjects,
  type PostAnalyticsRequest,
  type TimeseriesQuery,
  type TopProductsQuery,
} from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { DashboardService } from './dashboard.service.js';

@Controller()
export class DashboardHandlers {
  constructor(private readonly dashboard: DashboardService) {}

  @Handles(DashboardSubjects.timeseries, 'read')
  timeseries(@Context() context: RequestContext, @Data() data: TimeseriesQuery) {
    return this.dashboard.timeseries(context, data);
  }

  @Handles(DashboardSubjects.breakdown, 'read')
  breakdown(@Context() context: RequestContext, @Data() data: BreakdownQuery) {
    return this.dashboard.breakdown(context, data);
  }

  @Handles(DashboardSubjects.topProducts, 'read')
  topProducts(@Context() context: RequestContext, @Data() data: TopProductsQuery) {
    return this.dashboard.topProducts(context, data);
  }

  @Handles(DashboardSubjects.post, 'read')
  post(@Context() context: RequestContext, @Data() data: PostAnalyticsRequest) {
    return this.dashboard.post(context, data);
  }
}
