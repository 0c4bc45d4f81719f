import { Controller } from '@nestjs/common';
import { PostSubjects, type PublishingSettingsDto } from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { PublishingSettingsService } from './publishing-settings.service.js';

/** The publishing settings subjects. */
@Controller()
export class PublishingSettingsHandlers {
  constructor(private readonly settings: PublishingSettingsService) {}

  @Handles(PostSubjects.getSettings, 'read')
  get(@Context() context: RequestContext) {
    return this.settings.get(context);
  }

  @Handles(PostSubjects.updateSettings, 'manage')
  update(@Context() context: RequestContext, @Data() data: PublishingSettingsDto) {
    return this.settings.update(context, data);
  }
}
