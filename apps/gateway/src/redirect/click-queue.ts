import { randomUUID } from 'node:crypto';
import type { OnApplicationShutdown } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import type { AppConfig } from '@app/config';
import { CLICK_STREAM, type ClickRecord, clickSubject, LinkSubjects } from '@app/contracts';
import {
  BatchBuffer,
  ensureRecordStream,
  JetStreamRecordPublisher,
  natsConnectOptions,
  type RpcClient,
  type Runtime,
} from '@app/messaging';

const SHUTDOWN_FLUSH_MS = 5000;

/**
 * Takes clicks off the redirect's hands: `add` returns at once, and batches go in the background to the
 * CLICKS JetStream stream (distributed; stored there while analytics is down) or straight to the analytics
 * service over the in-process bus (standalone; retried while it is unavailable).
 */
export class ClickQueue implements OnApplicationShutdown {
  private constructor(
    private readonly buffer: BatchBuffer<ClickRecord>,
    private readonly connection: NatsConnection | undefined,
  ) {}

  static async create(runtime: Runtime, rpc: RpcClient, logger: Logger): Promise<ClickQueue> {
    const { links } = runtime.config;
    const connection = runtime.bus ? undefined : await connectToStream(runtime.config);
    const deliver = connection
      ? publishToStream(connection)
      : async (clicks: ClickRecord[]) => {
          await rpc.send(
            LinkSubjects.ingestClicks,
            { clicks },
            { principal: null, correlationId: randomUUID() },
          );
        };
    const buffer = new BatchBuffer<ClickRecord>({
      maxBatch: links.clickBatchSize,
      flushMs: links.clickFlushMs,
      maxBuffered: links.clickBufferMax,
      deliver,
      onRetry: (error, attempt) => {
        if (attempt === 1 || attempt % 20 === 0)
          logger.warn({ err: error, attempt }, 'Click delivery failed; retrying');
      },
      onDrop: (count) => logger.error({ count }, 'Click buffer full; oldest clicks dropped'),
    });
    return new ClickQueue(buffer, connection);
  }

  add(click: ClickRecord): void {
    this.buffer.push(click);
  }

  /** Resolves once every click added so far has been handed over (tests and shutdown). */
  flush(timeoutMs: number): Promise<void> {
    return this.buffer.drain(timeoutMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.buffer.close(SHUTDOWN_FLUSH_MS);
    await this.connection?.drain().catch(() => undefined);
  }
}

async function connectToStream(config: AppConfig): Promise<NatsConnection> {
  const connection = await connect({
    ...natsConnectOptions(config.natsUrl, config.nats),
    name: 'shopcast-gateway-clicks',
  });
  await ensureRecordStream(await jetstreamManager(connection), CLICK_STREAM);
  return connection;
}

function publishToStream(connection: NatsConnection): (clicks: ClickRecord[]) => Promise<void> {
  const publisher = new JetStreamRecordPublisher<ClickRecord>(
    jetstream(connection),
    clickSubject,
    (c) => c.id,
  );
  return (clicks) => publisher.publishBatch(clicks);
}
