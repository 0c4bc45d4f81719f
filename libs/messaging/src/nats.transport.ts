import { type NatsContext, ServerNats, type WritePacket } from '@nestjs/microservices';
import { InternalError } from '@app/contracts';
import { isMaxPayloadExceeded } from './payload-limit.js';

type NatsOptions = ConstructorParameters<typeof ServerNats>[0];
type NatsMessage = Parameters<ServerNats['getPublisher']>[0];

/**
 * Nest's NATS server, except that a reply too large for NATS reaches the caller at once as a 500, as on the
 * in-process bus, instead of being dropped (the caller would wait for its deadline and report a 504).
 */
export class NatsBusServer extends ServerNats {
  constructor(options: NatsOptions) {
    super(options);
  }

  override getPublisher(
    message: NatsMessage,
    id: string,
    context: NatsContext,
  ): (response: WritePacket) => unknown {
    const publish = super.getPublisher(message, id, context);
    return (response) => {
      try {
        return publish(response);
      } catch (error) {
        if (!isMaxPayloadExceeded(error)) throw error;
        this.logger.error(`Reply on ${context.getSubject()} is larger than NATS max_payload; answered 500`);
        return publish({ err: new InternalError().toBody(), isDisposed: true });
      }
    };
  }
}
