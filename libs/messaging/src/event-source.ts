import type { Logger } from 'pino';
import {
  AckPolicy,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import type { EventEnvelope } from '@app/contracts';
import type { InProcessBus } from './in-process-bus.js';
import { EVENTS_STREAM, EVENTS_SUBJECT_PREFIX } from './event-publisher.js';

export type DeliveryHandler = (event: EventEnvelope) => Promise<void>;

/** Delivers events to a named durable consumer until stopped; a handler that throws gets the event again. */
export interface EventSource {
  subscribe(subject: string, consumerName: string, handler: DeliveryHandler): Promise<void>;
  close(): Promise<void>;
}

const RETRY_DELAY_MS = 1000;

/** Creates the EVENTS stream if it does not exist yet. */
export async function ensureEventsStream(jsm: JetStreamManager): Promise<void> {
  try {
    await jsm.streams.info(EVENTS_STREAM);
  } catch {
    await jsm.streams.add({
      name: EVENTS_STREAM,
      subjects: [`${EVENTS_SUBJECT_PREFIX}>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: 7 * 24 * 3600 * 1e9,
      duplicate_window: 5 * 60 * 1e9,
    });
  }
}

/** Distributed mode: one JetStream durable pull consumer per handler. */
export class JetStreamEventSource implements EventSource {
  private readonly stops: Array<() => Promise<void>> = [];

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly logger: Logger,
  ) {}

  async subscribe(subject: string, consumerName: string, handler: DeliveryHandler): Promise<void> {
    await ensureEventsStream(this.jsm);
    await this.jsm.consumers.add(EVENTS_STREAM, {
      durable_name: consumerName,
      filter_subject: `${EVENTS_SUBJECT_PREFIX}${subject}`,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: 30 * 1e9,
    });
    const consumer = await this.js.consumers.get(EVENTS_STREAM, consumerName);
    const messages = await consumer.consume({ max_messages: 64 });
    const loop = (async () => {
      for await (const message of messages) {
        try {
          await handler(message.json<EventEnvelope>());
          message.ack();
        } catch (error) {
          this.logger.warn(
            { err: error, consumer: consumerName, subject },
            'Event handler failed; redelivering',
          );
          message.nak(RETRY_DELAY_MS);
        }
      }
    })();
    this.stops.push(async () => {
      await messages.close();
      await loop;
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.stops.splice(0).map((stop) => stop()));
  }
}

/** Standalone mode: subscribers on the in-process bus; the outbox relay retries until all succeed. */
export class InProcessEventSource implements EventSource {
  private readonly unsubscribes: Array<() => void> = [];

  constructor(private readonly bus: InProcessBus) {}

  async subscribe(subject: string, consumerName: string, handler: DeliveryHandler): Promise<void> {
    this.unsubscribes.push(this.bus.subscribe(subject, consumerName, handler));
  }

  async close(): Promise<void> {
    this.unsubscribes.splice(0).forEach((unsubscribe) => unsubscribe());
  }
}
