import type { Logger } from 'pino';
import {
  AckPolicy,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';

const NANOS_PER_SECOND = 1e9;

export interface RecordStreamSpec {
  /** Stream name, e.g. `CLICKS`. */
  name: string;
  /** Subject prefix, e.g. `clicks.`; the stream holds `<prefix>>`. */
  subjectPrefix: string;
  maxAgeSec: number;
}

/** Creates a file-backed stream for high-volume records if it does not exist yet. */
export async function ensureRecordStream(jsm: JetStreamManager, spec: RecordStreamSpec): Promise<void> {
  try {
    await jsm.streams.info(spec.name);
  } catch {
    await jsm.streams.add({
      name: spec.name,
      subjects: [`${spec.subjectPrefix}>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: spec.maxAgeSec * NANOS_PER_SECOND,
      duplicate_window: 2 * 60 * NANOS_PER_SECOND,
    });
  }
}

/** Publishes records to a stream and resolves once JetStream has stored every one (de-duplicated by id). */
export class JetStreamRecordPublisher<T> {
  constructor(
    private readonly js: JetStreamClient,
    private readonly subjectOf: (record: T) => string,
    private readonly idOf: (record: T) => string,
  ) {}

  async publishBatch(records: T[]): Promise<void> {
    await Promise.all(
      records.map((record) =>
        this.js.publish(this.subjectOf(record), JSON.stringify(record), { msgID: this.idOf(record) }),
      ),
    );
  }
}

export interface BatchConsumerOptions<T> {
  stream: RecordStreamSpec;
  durableName: string;
  batchSize: number;
  /** Longest wait for a full batch before a partial one is handled. */
  maxWaitMs: number;
  /** Stores a batch; messages are acknowledged only after it resolves, and redelivered if it throws. */
  handle: (records: T[]) => Promise<void>;
}

/** A durable pull consumer that hands records to a handler a batch at a time (at-least-once). */
export class JetStreamBatchConsumer<T> {
  private isStopped = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly options: BatchConsumerOptions<T>,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const { stream, durableName } = this.options;
    await ensureRecordStream(this.jsm, stream);
    await this.jsm.consumers.add(stream.name, {
      durable_name: durableName,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: 60 * NANOS_PER_SECOND,
      max_ack_pending: this.options.batchSize * 4,
    });
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    await this.loop;
  }

  /** A message that is not JSON can never succeed; it is acknowledged with its batch and logged. */
  private parse(message: JsMsg): T[] {
    try {
      return [message.json<T>()];
    } catch {
      this.logger.warn({ consumer: this.options.durableName, seq: message.seq }, 'Unreadable record skipped');
      return [];
    }
  }

  private async run(): Promise<void> {
    const consumer = await this.js.consumers.get(this.options.stream.name, this.options.durableName);
    while (!this.isStopped) {
      const messages: JsMsg[] = [];
      try {
        const fetched = await consumer.fetch({
          max_messages: this.options.batchSize,
          expires: this.options.maxWaitMs,
        });
        for await (const message of fetched) messages.push(message);
        if (messages.length === 0) continue;
        await this.options.handle(messages.flatMap((message) => this.parse(message)));
        await Promise.all(messages.map((message) => message.ackAck()));
      } catch (error) {
        if (this.isStopped) return;
        this.logger.warn({ err: error, consumer: this.options.durableName }, 'Batch failed; redelivering');
        for (const message of messages) message.nak(1000);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }
}
