import { Injectable } from '@nestjs/common';
import type { PublishingSettingsDto, PublishingSettingsView } from '@app/contracts';
import type { RequestContext } from '@app/messaging';
import { PublishingSettingsRepository } from './publishing-settings.repository.js';

/** The workspace's publishing settings; owners and admins change them, everyone reads them. */
@Injectable()
export class PublishingSettingsService {
  constructor(private readonly repository: PublishingSettingsRepository) {}

  async get(context: RequestContext): Promise<PublishingSettingsView> {
    const requireReview = await this.repository.findRequireReview(context.principal.workspaceId);
    return { requireReview: requireReview ?? false };
  }

  async update(context: RequestContext, input: PublishingSettingsDto): Promise<PublishingSettingsView> {
    const { workspaceId, userId } = context.principal;
    await this.repository.upsert(workspaceId, input.requireReview, userId);
    return { requireReview: input.requireReview };
  }
}
