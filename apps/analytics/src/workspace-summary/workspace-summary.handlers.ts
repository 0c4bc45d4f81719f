import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AnalyticsSubjects,
  type RequestOf,
  type RpcEnvelope,
  type WorkspaceSummaryView,
} from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import { WorkspaceSummaryService } from './workspace-summary.service.js';

type SummaryRequest = RequestOf<typeof AnalyticsSubjects.workspaceSummary>;

@Controller()
export class WorkspaceSummaryHandlers {
  constructor(private readonly summaries: WorkspaceSummaryService) {}

  @MessagePattern(AnalyticsSubjects.workspaceSummary)
  async summary(
    @Payload(new EnvelopePipe()) envelope: RpcEnvelope<SummaryRequest>,
  ): Promise<WorkspaceSummaryView> {
    return this.summaries.summary(requirePrincipal(envelope));
  }
}
