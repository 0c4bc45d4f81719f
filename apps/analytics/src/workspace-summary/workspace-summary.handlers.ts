import { Controller } from '@nestjs/common';
import { AnalyticsSubjects, type AnalyticsFilterQuery } from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { WorkspaceSummaryService } from './workspace-summary.service.js';

@Controller()
export class WorkspaceSummaryHandlers {
  constructor(private readonly summaries: WorkspaceSummaryService) {}

  @Handles(AnalyticsSubjects.workspaceSummary, 'read')
  summary(@Context() context: RequestContext, @Data() data: AnalyticsFilterQuery) {
    return this.summaries.summary(context, data);
  }
}
