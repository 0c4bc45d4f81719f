import { type BeforeApplicationShutdown, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { TransactionHost } from '@app/database';
import type { Logger } from 'pino';
import type { EventEnvelope } from '@app/contracts';
import { getMetrics } from '@app/observability';
import { ON_EVENT_METADATA } from './on-event.decorator.js';
import type { EventSource } from './event-source.js';

type BoundHandler = (event: EventEnvelope) => Promise<void>;

/**
 * Runs a handler at most once per event and consumer: the inbox row and the handler's writes commit
 * together, in the transaction the handler's repositories find ambient.
 */
export async function handleOnce(
  tx: TransactionHost,
  consumerName: string,
  event: EventEnvelope,
  handler: BoundHandler,
): Promise<boolean> {
  return tx.run(async () => {
    const inserted: unknown[] = await tx.manager.query(
      `INSERT INTO inbox (event_id, consumer, subject) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [event.id, consumerName, event.subject],
    );
    if (inserted.length === 0) return false;
    await handler(event);
    return true;
  });
}

/** Finds every @OnEvent method of the service's providers and subscribes it as a durable consumer. */
@Injectable()
export class EventConsumers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly service: string,
    private readonly tx: TransactionHost,
    private readonly source: EventSource,
    private readonly logger: Logger,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = prototype[methodName];
        if (typeof method !== 'function') continue;
        const subject = this.reflector.get<string | undefined>(ON_EVENT_METADATA, method as () => unknown);
        if (!subject) continue;
        const consumerName = `${this.service}_${instance.constructor.name}_${methodName}`;
        const bound = (method as BoundHandler).bind(instance);
        await this.source.subscribe(subject, consumerName, (event) =>
          this.deliver(consumerName, event, bound),
        );
      }
    }
  }

  // Before the DataSource is destroyed: an in-flight handler still needs its connection.
  async beforeApplicationShutdown(): Promise<void> {
    await this.source.close();
  }

  private async deliver(consumerName: string, event: EventEnvelope, handler: BoundHandler): Promise<void> {
    try {
      await handleOnce(this.tx, consumerName, event, handler);
    } catch (error) {
      getMetrics().errors.inc({ kind: 'event', code: event.subject });
      this.logger.error({ err: error, consumer: consumerName, eventId: event.id }, 'Event handler failed');
      throw error;
    }
  }
}
