import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  BreakdownQuery,
  type BreakdownView,
  DashboardSubjects,
  PostAnalyticsRequest,
  type PostAnalyticsView,
  type RpcEnvelope,
  TimeseriesQuery,
  type TimeseriesView,
  TopProductsQuery,
} from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import { DashboardService } from './dashboard.service.js';

@Controller()
export class DashboardHandlers {
  constructor(private readonly dashboard: DashboardService) {}

  @MessagePattern(DashboardSubjects.timeseries)
  timeseries(
    @Payload(new EnvelopePipe(TimeseriesQuery)) envelope: RpcEnvelope<TimeseriesQuery>,
  ): Promise<TimeseriesView> {
    return this.dashboard.timeseries(requirePrincipal(envelope), envelope.data);
  }

  @MessagePattern(DashboardSubjects.breakdown)
  breakdown(
    @Payload(new EnvelopePipe(BreakdownQuery)) envelope: RpcEnvelope<BreakdownQuery>,
  ): Promise<BreakdownView> {
    return this.dashboard.breakdown(requirePrincipal(envelope), envelope.data);
  }

  @MessagePattern(DashboardSubjects.topProducts)
  topProducts(
    @Payload(new EnvelopePipe(TopProductsQuery)) envelope: RpcEnvelope<TopProductsQuery>,
  ): Promise<BreakdownView> {
    return this.dashboard.topProducts(requirePrincipal(envelope), envelope.data);
  }

  @MessagePattern(DashboardSubjects.post)
  post(
    @Payload(new EnvelopePipe(PostAnalyticsRequest)) envelope: RpcEnvelope<PostAnalyticsRequest>,
  ): Promise<PostAnalyticsView> {
    return this.dashboard.post(requirePrincipal(envelope), envelope.data);
  }
}
