import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AutopilotRuleParams,
  type AutopilotRuleView,
  type AutopilotRunListView,
  AutopilotSubjects,
  CreateAutopilotRuleDto,
  UpdateAutopilotRuleDto,
} from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';

@ApiTags('autopilot')
@ApiBearerAuth()
@Controller('api/v1/autopilot/rules')
export class AutopilotController {
  constructor(private readonly rpc: RpcClient) {}

  /**
   * A rule that posts each created or imported product matching its filter: copy for each connection's
   * platform, a post in the campaign's next free slot (waiting for approval if `requireReview`). It acts with
   * its creator's access as it is at each run.
   */
  @Post()
  @ApiErrors(400, 401, 403, 404)
  create(@Body() body: CreateAutopilotRuleDto, @Call() call: CallContext): Promise<AutopilotRuleView> {
    return this.rpc.send(AutopilotSubjects.create, body, call);
  }

  /** The workspace's rules with their counts of matched, scheduled, waiting and skipped products. */
  @Get()
  @ApiErrors(401)
  list(@Call() call: CallContext): Promise<AutopilotRuleView[]> {
    return this.rpc.send(AutopilotSubjects.list, {}, call);
  }

  @Get(':id')
  @ApiErrors(400, 401, 404)
  get(@Param() params: AutopilotRuleParams, @Call() call: CallContext): Promise<AutopilotRuleView> {
    return this.rpc.send(AutopilotSubjects.get, params, call);
  }

  /** Changes apply to products seen from now on; `enabled: false` pauses the rule. */
  @Patch(':id')
  @ApiErrors(400, 401, 403, 404)
  update(
    @Param() params: AutopilotRuleParams,
    @Body() body: UpdateAutopilotRuleDto,
    @Call() call: CallContext,
  ): Promise<AutopilotRuleView> {
    return this.rpc.send(AutopilotSubjects.update, { ...body, id: params.id }, call);
  }

  /** Its posts stay as they are. */
  @Delete(':id')
  @HttpCode(204)
  @ApiErrors(400, 401, 403, 404)
  async remove(@Param() params: AutopilotRuleParams, @Call() call: CallContext): Promise<void> {
    await this.rpc.send(AutopilotSubjects.delete, params, call);
  }

  /** What the rule did with each product it saw, newest first: the post it made, or why it made none. */
  @Get(':id/runs')
  @ApiErrors(400, 401, 404)
  runs(@Param() params: AutopilotRuleParams, @Call() call: CallContext): Promise<AutopilotRunListView> {
    return this.rpc.send(AutopilotSubjects.runs, params, call);
  }
}
