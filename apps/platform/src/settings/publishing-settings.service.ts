import { Injectable } from '@nestjs/common';
import { type Principal, type PublishingSettingsDto, type PublishingSettingsView } from '@app/contracts';
import { PublishingSettingsRepository } from './publishing-settings.repository.js';

/** The workspace's publishing settings; owners and admins change them, everyone reads them. */
@Injectable()
export class PublishingSettingsService {
  constructor(private readonly repository: PublishingSettingsRepository) {}

  async get(workspaceId: string): Promise<PublishingSettingsView> {
    return { requireReview: (await this.repository.findRequireReview(workspaceId)) ?? false };
  }

  async update(principal: Principal, input: PublishingSettingsDto): Promise<PublishingSettingsView> {
    await this.repository.upsert(principal.workspaceId, input.requireReview, principal.userId);
    return { requireReview: input.requireReview };
  }
}
