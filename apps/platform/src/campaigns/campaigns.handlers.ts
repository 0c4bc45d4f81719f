import { Controller } from '@nestjs/common';
import {
  type CampaignParams,
  CampaignSubjects,
  type CreateCampaignDto,
  type UpdateCampaignRequest,
} from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { CampaignLifecycleService } from './campaign-lifecycle.service.js';
import { CampaignWinnerService } from './campaign-winner.service.js';
import { CampaignsService } from './campaigns.service.js';

/**
 * The campaign subjects: definitions go to CampaignsService, pause, resume and complete to the lifecycle, the
 * winner's undo to CampaignWinnerService.
 */
@Controller()
export class CampaignsHandlers {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly lifecycle: CampaignLifecycleService,
    private readonly winners: CampaignWinnerService,
  ) {}

  @Handles(CampaignSubjects.create, 'write')
  create(@Context() context: RequestContext, @Data() data: CreateCampaignDto) {
    return this.campaigns.create(context, data);
  }

  @Handles(CampaignSubjects.list, 'read')
  list(@Context() context: RequestContext) {
    return this.campaigns.list(context);
  }

  @Handles(CampaignSubjects.get, 'read')
  get(@Context() context: RequestContext, @Data() data: CampaignParams) {
    return this.campaigns.get(context, data.id);
  }

  @Handles(CampaignSubjects.update, 'write')
  update(@Context() context: RequestContext, @Data() data: UpdateCampaignRequest) {
    const { id, ...patch } = data;
    return this.campaigns.update(context, id, patch);
  }

  @Handles(CampaignSubjects.delete, 'write')
  async delete(@Context() context: RequestContext, @Data() data: CampaignParams) {
    await this.campaigns.delete(context, data.id);
    return {};
  }

  @Handles(CampaignSubjects.pause, 'write')
  pause(@Context() context: RequestContext, @Data() data: CampaignParams) {
    return this.lifecycle.pause(context, data.id);
  }

  @Handles(CampaignSubjects.resume, 'write')
  resume(@Context() context: RequestContext, @Data() data: CampaignParams) {
    return this.lifecycle.resume(context, data.id);
  }

  @Handles(CampaignSubjects.complete, 'write')
  complete(@Context() context: RequestContext, @Data() data: CampaignParams) {
    return this.lifecycle.complete(context, data.id);
  }

  @Handles(CampaignSubjects.undoWinner, 'write')
  undoWinner(@Context() context: RequestContext, @Data() data: CampaignParams) {
    return this.winners.undo(context, data.id);
  }
}
