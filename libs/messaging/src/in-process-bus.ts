import type { EventEnvelope } from '@app/contracts';

type ReplyFn = (rawPacket: string) => void;
type RequestHandler = (rawPacket: string, reply: ReplyFn) => void;
type EventHandler = (event: EventEnvelope) => Promise<void>;

/** A consumer failed on the event; the others handled it (or will again, deduplicated by their inbox). */
export class ConsumerFailedError extends Error {
  constructor(cause: unknown) {
    super(`A consumer failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ConsumerFailedError';
  }
}

/**
 * The standalone mode's message bus: one per process, shared by the gateway and the services it hosts.
 * Payloads cross it as JSON strings, exactly as over NATS, so both transports behave alike.
 */
export class InProcessBus {
  private readonly responders = new Map<string, RequestHandler[]>();
  private readonly nextResponder = new Map<string, number>();
  private readonly eventSubscribers = new Map<string, Map<string, EventHandler>>();
  private openGate!: () => void;
  // Events wait until every hosted service has subscribed, so none is delivered to an incomplete audience.
  private readonly gate = new Promise<void>((resolve) => (this.openGate = resolve));

  /** Starts event delivery; call once every service in the process has registered its consumers. */
  startDeliveringEvents(): void {
    this.openGate();
  }

  respond(subject: string, handler: RequestHandler): () => void {
    const list = this.responders.get(subject) ?? [];
    list.push(handler);
    this.responders.set(subject, list);
    return () => {
      const remaining = (this.responders.get(subject) ?? []).filter((h) => h !== handler);
      if (remaining.length === 0) this.responders.delete(subject);
      else this.responders.set(subject, remaining);
    };
  }

  /** Delivers a request to one responder (round robin); false when nobody listens on the subject. */
  request(subject: string, rawPacket: string, reply: ReplyFn): boolean {
    const list = this.responders.get(subject);
    if (!list || list.length === 0) return false;
    const index = (this.nextResponder.get(subject) ?? 0) % list.length;
    this.nextResponder.set(subject, index + 1);
    const handler = list[index];
    setImmediate(() => handler(rawPacket, reply));
    return true;
  }

  /** Registers a durable-by-name subscriber; the same name replaces an earlier registration. */
  subscribe(subject: string, consumerName: string, handler: EventHandler): () => void {
    const subscribers = this.eventSubscribers.get(subject) ?? new Map<string, EventHandler>();
    subscribers.set(consumerName, handler);
    this.eventSubscribers.set(subject, subscribers);
    return () => {
      if (subscribers.get(consumerName) === handler) subscribers.delete(consumerName);
    };
  }

  /** Resolves once every subscriber has handled the event; rejects with ConsumerFailedError if any failed. */
  async publish(event: EventEnvelope): Promise<void> {
    await this.gate;
    const subscribers = [...(this.eventSubscribers.get(event.subject)?.values() ?? [])];
    const raw = JSON.stringify(event);
    const results = await Promise.allSettled(
      subscribers.map((handler) => handler(JSON.parse(raw) as EventEnvelope)),
    );
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw new ConsumerFailedError((failure as PromiseRejectedResult).reason);
  }
}
