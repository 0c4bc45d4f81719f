import { Controller } from '@nestjs/common';
import { type AnalyticsPostParams, DashboardSubjects, type ExperimentsQuery } from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { ExperimentsService } from './experiments.service.js';

@Controller()
export class ExperimentsHandlers {
  constructor(private readonly experiments: ExperimentsService) {}

  @Handles(DashboardSubjects.experiments, 'read')
  list(@Context() context: RequestContext, @Data() data: ExperimentsQuery) {
    return this.experiments.list(context, data);
  }

  @Handles(DashboardSubjects.experiment, 'read')
  get(@Context() context: RequestContext, @Data() data: AnalyticsPostParams) {
    return this.experiments.get(context, data.id);
  }
}
