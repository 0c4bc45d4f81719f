import { SetMetadata } from '@nestjs/common';
import type { EventEnvelope, EventPayload, EventSubject } from '@app/contracts';

export const ON_EVENT_METADATA = 'shopcast:on-event';

/**
 * An event handler: runs in one transaction with the inbox record (its repositories find it ambient),
 * so each event takes effect once.
 */
export type EventHandler<S extends EventSubject> = (event: EventEnvelope<EventPayload<S>>) => Promise<void>;

/** Marks a provider method as a durable consumer of an event subject. */
export function OnEvent(subject: EventSubject): MethodDecorator {
  return SetMetadata(ON_EVENT_METADATA, subject);
}
