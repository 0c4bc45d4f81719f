import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { WebhookDeliveryEntity, WebhookEntity } from './webhook.entity.js';

/** Every query on webhooks and their deliveries; each bound to a workspace. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(webhook: WebhookEntity): Promise<void> {
    await this.dataSource.manager.insert(WebhookEntity, webhook);
  }

  list(workspaceId: string): Promise<WebhookEntity[]> {
    return this.dataSource.manager.find(WebhookEntity, {
      where: { workspaceId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  findOne(workspaceId: string, id: string): Promise<WebhookEntity | null> {
    return this.dataSource.manager.findOneBy(WebhookEntity, { workspaceId, id });
  }

  /** The workspace's webhooks subscribed to `event`. */
  subscribedTo(manager: EntityManager, workspaceId: string, event: string): Promise<WebhookEntity[]> {
    return manager
      .createQueryBuilder(WebhookEntity, 'w')
      .where('w.workspace_id = :workspaceId AND :event = ANY(w.events)', { workspaceId, event })
      .getMany();
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    const result = await this.dataSource.manager.delete(WebhookEntity, { workspaceId, id });
    return (result.affected ?? 0) > 0;
  }

  /** Records one attempt; a redelivered job that already recorded it changes nothing. */
  async recordAttempt(manager: EntityManager, delivery: WebhookDeliveryEntity): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(WebhookDeliveryEntity)
      .values(delivery)
      .orIgnore()
      .execute();
  }

  deliveries(workspaceId: string, webhookId: string): Promise<WebhookDeliveryEntity[]> {
    return this.dataSource.manager.find(WebhookDeliveryEntity, {
      where: { workspaceId, webhookId },
      order: { attemptedAt: 'DESC', attempt: 'DESC' },
      take: 100,
    });
  }
}
