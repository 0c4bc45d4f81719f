import { ClientProxy, Server, BaseRpcContext, type CustomTransportStrategy } from '@nestjs/microservices';
import type { ReadPacket, WritePacket } from '@nestjs/microservices';
import { InternalError, UnavailableError } from '@app/contracts';
import type { InProcessBus } from './in-process-bus.js';
import { exceedsBusPayloadLimit, requestTooLargeError } from './payload-limit.js';

/** Context handed to handlers served over the in-process bus: [subject]. */
export class InProcessContext extends BaseRpcContext<[string]> {
  getSubject(): string {
    return this.args[0];
  }
}

/** Serves a service's @MessagePattern handlers on the in-process bus (standalone mode). */
export class InProcessServer extends Server implements CustomTransportStrategy {
  private readonly unsubscribes: Array<() => void> = [];

  constructor(private readonly bus: InProcessBus) {
    super();
  }

  listen(callback: () => void): void {
    for (const [pattern, handler] of this.messageHandlers) {
      if (handler.isEventHandler) continue;
      this.unsubscribes.push(this.bus.respond(pattern, (raw, reply) => this.handle(pattern, raw, reply)));
    }
    this._status$.next('connected');
    callback();
  }

  close(): void {
    this.unsubscribes.splice(0).forEach((unsubscribe) => unsubscribe());
  }

  on(): void {}

  unwrap<T>(): T {
    return this.bus as T;
  }

  private handle(pattern: string, raw: string, reply: (raw: string) => void): void {
    const packet = JSON.parse(raw) as ReadPacket & { id: string };
    const handler = this.getHandlerByPattern(pattern);
    const respond = (response: WritePacket) => {
      const rawReply = JSON.stringify({ ...response, id: packet.id });
      if (!exceedsBusPayloadLimit(rawReply)) return reply(rawReply);
      this.logger.error(`Reply on ${pattern} is larger than the bus payload limit; answered 500`);
      reply(JSON.stringify({ err: new InternalError().toBody(), isDisposed: true, id: packet.id }));
    };
    if (!handler) {
      respond({ err: new UnavailableError().toBody(), isDisposed: true });
      return;
    }
    const context = new InProcessContext([pattern]);
    this.handleRequest(
      context,
      async () => this.transformToObservable(await handler(packet.data, context)),
      respond,
    );
  }
}

/** Sends requests over the in-process bus; a subject nobody serves fails like NATS "no responders". */
export class InProcessClient extends ClientProxy {
  constructor(private readonly bus: InProcessBus) {
    super();
  }

  connect(): Promise<void> {
    return Promise.resolve();
  }

  close(): void {}

  override on(): void {}

  unwrap<T>(): T {
    return this.bus as T;
  }

  protected publish(partialPacket: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    const packet = this.assignPacketId(partialPacket);
    let isCancelled = false;
    const subject = this.normalizePattern(packet.pattern);
    const rawPacket = JSON.stringify(packet);
    if (exceedsBusPayloadLimit(rawPacket)) {
      setImmediate(() => callback({ err: requestTooLargeError().toBody(), isDisposed: true }));
      return () => undefined;
    }
    const isDelivered = this.bus.request(subject, rawPacket, (raw) => {
      if (!isCancelled) callback(JSON.parse(raw) as WritePacket);
    });
    if (!isDelivered) {
      setImmediate(() => callback({ err: new UnavailableError().toBody(), isDisposed: true }));
    }
    return () => {
      isCancelled = true;
    };
  }

  protected dispatchEvent(): Promise<never> {
    return Promise.reject(new Error('Events are published through the outbox, not emitted directly'));
  }
}
