import { Injectable } from '@nestjs/common';
import type { PublishingSettingsDto, PublishingSettingsView } from '@app/contracts';
import type { RequestContext } from '@app/messaging';
import { PublishingSettingsRepository } from './publishing-settings.repository.js';

/** The workspace's publishing settings; owners and admins change them, everyone reads them. */
@Injectable()
export class PublishingSettingsService {
  constructor(private readonly repository: PublishingSettingsRepository) {}

  get(context: RequestContext): Promise<PublishingSettingsView> {
    return this.repository.find(context.principal.workspaceId);
  }

  update(context: RequestContext, input: PublishingSettingsDto): Promise<PublishingSettingsView> {
    const { workspaceId, userId } = context.principal;
    return this.repository.upsert(workspaceId, input, userId);
  }
}
