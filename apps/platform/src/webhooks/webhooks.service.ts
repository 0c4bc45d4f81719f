import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  type CreatedWebhookView,
  type CreateWebhookDto,
  InvalidError,
  NotFoundError,
  type WebhookDeliveryView,
  type WebhookView,
} from '@app/contracts';
import {
  BlockedAddressError,
  isPublicAddress,
  newWebhookSecret,
  parseHttpUrl,
  TokenCipher,
} from '@app/security';
import type { RequestContext } from '@app/messaging';
import { WebhookEntity } from './webhook.entity.js';
import { toDeliveryView, toWebhookView } from './webhook.mapper.js';
import { WebhooksRepository } from './webhooks.repository.js';

const MAX_WEBHOOKS = 20;

/** The rules of outbound webhooks: who manages them, which URLs are allowed, and the secret shown once. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly repository: WebhooksRepository,
    private readonly cipher: TokenCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(context: RequestContext, input: CreateWebhookDto): Promise<CreatedWebhookView> {
    const { workspaceId, userId } = context.principal;
    await this.assertAllowedUrl(input.url);
    if ((await this.repository.list(workspaceId)).length >= MAX_WEBHOOKS)
      throw new InvalidError(`A workspace can have at most ${MAX_WEBHOOKS} webhooks`);
    const id = randomUUID();
    const signingSecret = newWebhookSecret();
    const webhook = Object.assign(new WebhookEntity(), {
      id,
      workspaceId,
      url: input.url,
      events: input.events,
      // Bound to the webhook's id: a sealed secret copied onto another row does not decrypt.
      signingSecretEnc: this.cipher.encrypt(signingSecret, id),
      createdBy: userId,
      createdAt: new Date(),
    } satisfies WebhookEntity);
    await this.repository.insert(webhook);
    return { ...toWebhookView(webhook), signingSecret };
  }

  async list(context: RequestContext): Promise<WebhookView[]> {
    return (await this.repository.list(context.principal.workspaceId)).map(toWebhookView);
  }

  async delete(context: RequestContext, id: string): Promise<void> {
    if (!(await this.repository.delete(context.principal.workspaceId, id)))
      throw new NotFoundError('Webhook');
  }

  /** The latest attempts, newest first. */
  async deliveries(context: RequestContext, id: string): Promise<WebhookDeliveryView[]> {
    const { workspaceId } = context.principal;
    if (!(await this.repository.findOne(workspaceId, id))) throw new NotFoundError('Webhook');
    return (await this.repository.deliveries(workspaceId, id)).map(toDeliveryView);
  }

  /** http(s) without credentials, resolving only to public addresses unless private URLs are allowed. */
  private async assertAllowedUrl(raw: string): Promise<void> {
    const url = parseHttpUrl(raw);
    if (this.config.allowPrivateUrls) return;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const addresses = await lookup(host, { all: true }).catch(() => {
      throw new InvalidError(`The host ${host} of the webhook URL does not resolve`, {
        fields: [{ field: 'url', messages: ['host does not resolve'] }],
      });
    });
    if (addresses.some((address) => !isPublicAddress(address.address))) throw new BlockedAddressError(host);
  }
}
