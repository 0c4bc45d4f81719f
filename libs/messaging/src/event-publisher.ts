import type { EventEnvelope } from '@app/contracts';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { InProcessBus } from './in-process-bus.js';

/** Where the outbox relay hands committed events. */
export interface EventPublisher {
  publish(event: EventEnvelope): Promise<void>;
}

export const EVENTS_STREAM = 'EVENTS';
export const EVENTS_SUBJECT_PREFIX = 'events.';

/** Distributed mode: JetStream, de-duplicated by event id so a relay retry never doubles an event. */
export class JetStreamPublisher implements EventPublisher {
  constructor(private readonly js: JetStreamClient) {}

  async publish(event: EventEnvelope): Promise<void> {
    await this.js.publish(`${EVENTS_SUBJECT_PREFIX}${event.subject}`, JSON.stringify(event), {
      msgID: event.id,
    });
  }
}

/** Standalone mode: resolves once every in-process consumer has handled the event. */
export class InProcessPublisher implements EventPublisher {
  constructor(private readonly bus: InProcessBus) {}

  publish(event: EventEnvelope): Promise<void> {
    return this.bus.publish(event);
  }
}
