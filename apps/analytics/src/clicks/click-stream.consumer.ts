import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { CLICK_STREAM } from '@app/contracts';
import { JetStreamBatchConsumer, natsConnectOptions } from '@app/messaging';
import { LOGGER } from '@app/observability';
import { ClicksService } from './clicks.service.js';

export const CLICK_CONSUMER_NAME = 'analytics_clicks';

/**
 * Distributed mode: drains the CLICKS stream in batches into Postgres. Clicks published while this service
 * was down wait in the stream and arrive when it is back; a batch is acknowledged only after it committed.
 */
@Injectable()
export class ClickStreamConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private connection: NatsConnection | undefined;
  private consumer: JetStreamBatchConsumer<unknown> | undefined;

  constructor(
    private readonly clicks: ClicksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection = await connect({
      ...natsConnectOptions(this.config.natsUrl, this.config.nats),
      name: 'shopcast-analytics-clicks',
    });
    this.consumer = new JetStreamBatchConsumer<unknown>(
      jetstream(this.connection),
      await jetstreamManager(this.connection),
      {
        stream: CLICK_STREAM,
        durableName: CLICK_CONSUMER_NAME,
        batchSize: this.config.links.clickBatchSize,
        maxWaitMs: 1000,
        handle: async (records) => void (await this.clicks.ingest(records)),
      },
      this.logger,
    );
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    await this.connection?.drain().catch(() => undefined);
  }
}
