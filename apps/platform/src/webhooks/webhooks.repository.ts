import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@app/database';
import { WebhookDeliveryEntity, WebhookEntity } from './webhook.entity.js';

/** Every query on webhooks and their deliveries; each bound to a workspace. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(webhook: WebhookEntity): Promise<void> {
    await this.tx.manager.insert(WebhookEntity, webhook);
  }

  list(workspaceId: string): Promise<WebhookEntity[]> {
    return this.tx.manager.find(WebhookEntity, {
      where: { workspaceId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  findOne(workspaceId: string, id: string): Promise<WebhookEntity | null> {
    return this.tx.manager.findOneBy(WebhookEntity, { workspaceId, id });
  }

  /** The workspace's webhooks subscribed to `event`. */
  subscribedTo(workspaceId: string, event: string): Promise<WebhookEntity[]> {
    return this.tx.manager
      .createQueryBuilder(WebhookEntity, 'w')
      .where('w.workspace_id = :workspaceId AND :event = ANY(w.events)', { workspaceId, event })
      .getMany();
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    const result = await this.tx.manager.delete(WebhookEntity, { workspaceId, id });
    return (result.affected ?? 0) > 0;
  }

  /** Records one attempt; a redelivered job that already recorded it changes nothing. */
  async recordAttempt(delivery: WebhookDeliveryEntity): Promise<void> {
    await this.tx.manager
      .createQueryBuilder()
      .insert()
      .into(WebhookDeliveryEntity)
      .values(delivery)
      .orIgnore()
      .execute();
  }

  deliveries(workspaceId: string, webhookId: string): Promise<WebhookDeliveryEntity[]> {
    return this.tx.manager.find(WebhookDeliveryEntity, {
      where: { workspaceId, webhookId },
      order: { attemptedAt: 'DESC', attempt: 'DESC' },
      take: 100,
    });
  }
}
