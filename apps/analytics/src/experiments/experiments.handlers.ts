import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AnalyticsPostParams,
  DashboardSubjects,
  ExperimentsQuery,
  type ExperimentView,
  type RpcEnvelope,
} from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import { ExperimentsService } from './experiments.service.js';

@Controller()
export class ExperimentsHandlers {
  constructor(private readonly experiments: ExperimentsService) {}

  @MessagePattern(DashboardSubjects.experiments)
  list(
    @Payload(new EnvelopePipe(ExperimentsQuery)) envelope: RpcEnvelope<ExperimentsQuery>,
  ): Promise<ExperimentView[]> {
    return this.experiments.list(requirePrincipal(envelope), envelope.data);
  }

  @MessagePattern(DashboardSubjects.experiment)
  get(
    @Payload(new EnvelopePipe(AnalyticsPostParams)) envelope: RpcEnvelope<AnalyticsPostParams>,
  ): Promise<ExperimentView> {
    return this.experiments.get(requirePrincipal(envelope), envelope.data.id);
  }
}
