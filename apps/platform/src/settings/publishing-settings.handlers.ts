import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  PostSubjects,
  PublishingSettingsDto,
  type PublishingSettingsView,
  type RpcEnvelope,
} from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import { PublishingSettingsService } from './publishing-settings.service.js';

/** The publishing settings subjects. */
@Controller()
export class PublishingSettingsHandlers {
  constructor(private readonly settings: PublishingSettingsService) {}

  @MessagePattern(PostSubjects.getSettings)
  get(@Payload(new EnvelopePipe()) envelope: RpcEnvelope<unknown>): Promise<PublishingSettingsView> {
    return this.settings.get(requirePrincipal(envelope).workspaceId);
  }

  @MessagePattern(PostSubjects.updateSettings)
  update(
    @Payload(new EnvelopePipe(PublishingSettingsDto)) envelope: RpcEnvelope<PublishingSettingsDto>,
  ): Promise<PublishingSettingsView> {
    return this.settings.update(requirePrincipal(envelope), envelope.data);
  }
}
