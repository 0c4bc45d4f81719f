import { Controller } from '@nestjs/common';
import {
  type AutopilotRuleParams,
  AutopilotSubjects,
  type CreateAutopilotRuleDto,
  type UpdateAutopilotRuleRequest,
} from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { AutopilotRulesService } from './autopilot-rules.service.js';

/** The autopilot rule subjects, handed over to AutopilotRulesService. */
@Controller()
export class AutopilotHandlers {
  constructor(private readonly rules: AutopilotRulesService) {}

  @Handles(AutopilotSubjects.create, 'write')
  create(@Context() context: RequestContext, @Data() data: CreateAutopilotRuleDto) {
    return this.rules.create(context, data);
  }

  @Handles(AutopilotSubjects.list, 'read')
  list(@Context() context: RequestContext) {
    return this.rules.list(context);
  }

  @Handles(AutopilotSubjects.get, 'read')
  get(@Context() context: RequestContext, @Data() data: AutopilotRuleParams) {
    return this.rules.get(context, data.id);
  }

  @Handles(AutopilotSubjects.update, 'write')
  update(@Context() context: RequestContext, @Data() data: UpdateAutopilotRuleRequest) {
    const { id, ...patch } = data;
    return this.rules.update(context, id, patch);
  }

  @Handles(AutopilotSubjects.delete, 'write')
  async delete(@Context() context: RequestContext, @Data() data: AutopilotRuleParams) {
    await this.rules.delete(context, data.id);
    return {};
  }

  @Handles(AutopilotSubjects.runs, 'read')
  runs(@Context() context: RequestContext, @Data() data: AutopilotRuleParams) {
    return this.rules.runs(context, data.id);
  }
}
