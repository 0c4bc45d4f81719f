import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnalyticsSubjects, WorkspaceSummaryView } from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';

@ApiTags('analytics')
@ApiBearerAuth()
@Controller('api/v1/analytics')
export class AnalyticsController {
  constructor(private readonly rpc: RpcClient) {}

  /** Counts for the current workspace, kept up to date from events. */
  @Get('summary')
  @ApiErrors(401)
  summary(@Call() call: CallContext): Promise<WorkspaceSummaryView> {
    return this.rpc.send(AnalyticsSubjects.workspaceSummary, {}, call);
  }
}
