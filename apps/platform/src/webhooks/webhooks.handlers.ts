import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateWebhookDto,
  type ReplyOf,
  type RpcEnvelope,
  WebhookParams,
  WebhookSubjects,
} from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import { WebhooksService } from './webhooks.service.js';

type Reply<S extends keyof typeof WebhookSubjects> = Promise<ReplyOf<(typeof WebhookSubjects)[S]>>;

/** The webhook subjects; each validates its envelope and hands over to WebhooksService. */
@Controller()
export class WebhooksHandlers {
  constructor(private readonly webhooks: WebhooksService) {}

  @MessagePattern(WebhookSubjects.create)
  create(
    @Payload(new EnvelopePipe(CreateWebhookDto)) envelope: RpcEnvelope<CreateWebhookDto>,
  ): Reply<'create'> {
    return this.webhooks.create(requirePrincipal(envelope), envelope.data);
  }

  @MessagePattern(WebhookSubjects.list)
  list(@Payload(new EnvelopePipe()) envelope: RpcEnvelope<unknown>): Reply<'list'> {
    return this.webhooks.list(requirePrincipal(envelope));
  }

  @MessagePattern(WebhookSubjects.delete)
  delete(@Payload(new EnvelopePipe(WebhookParams)) envelope: RpcEnvelope<WebhookParams>): Reply<'delete'> {
    return this.webhooks.delete(requirePrincipal(envelope), envelope.data.id);
  }

  @MessagePattern(WebhookSubjects.deliveries)
  deliveries(
    @Payload(new EnvelopePipe(WebhookParams)) envelope: RpcEnvelope<WebhookParams>,
  ): Reply<'deliveries'> {
    return this.webhooks.deliveries(requirePrincipal(envelope), envelope.data.id);
  }
}
