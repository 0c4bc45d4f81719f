import { Controller } from '@nestjs/common';
import { type CreateWebhookDto, type WebhookParams, WebhookSubjects } from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { WebhooksService } from './webhooks.service.js';

/** The webhook subjects, handed over to WebhooksService. */
@Controller()
export class WebhooksHandlers {
  constructor(private readonly webhooks: WebhooksService) {}

  @Handles(WebhookSubjects.create, 'write')
  create(@Context() context: RequestContext, @Data() data: CreateWebhookDto) {
    return this.webhooks.create(context, data);
  }

  @Handles(WebhookSubjects.list, 'read')
  list(@Context() context: RequestContext) {
    return this.webhooks.list(context);
  }

  @Handles(WebhookSubjects.delete, 'write')
  async delete(@Context() context: RequestContext, @Data() data: WebhookParams) {
    await this.webhooks.delete(context, data.id);
    return {};
  }

  @Handles(WebhookSubjects.deliveries, 'read')
  deliveries(@Context() context: RequestContext, @Data() data: WebhookParams) {
    return this.webhooks.deliveries(context, data.id);
  }
}
