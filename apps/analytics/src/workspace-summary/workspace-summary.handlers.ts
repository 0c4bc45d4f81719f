import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AnalyticsSubjects,
  DateRangeQuery,
  type RpcEnvelope,
  type WorkspaceSummaryView,
} from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import { WorkspaceSummaryService } from './workspace-summary.service.js';

@Controller()
export class WorkspaceSummaryHandlers {
  constructor(private readonly summaries: WorkspaceSummaryService) {}

  @MessagePattern(AnalyticsSubjects.workspaceSummary)
  async summary(
    @Payload(new EnvelopePipe(DateRangeQuery)) envelope: RpcEnvelope<DateRangeQuery>,
  ): Promise<WorkspaceSummaryView> {
    return this.summaries.summary(requirePrincipal(envelope), envelope.data);
  }
}
