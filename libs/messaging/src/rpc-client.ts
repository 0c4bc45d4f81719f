import type { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, timeout, TimeoutError as RxTimeoutError } from 'rxjs';
import type { Logger } from 'pino';
import {
  domainErrorFromBody,
  DomainError,
  InternalError,
  isRpcErrorBody,
  type ReplyOf,
  type RequestOf,
  type RpcEnvelope,
  type Subject,
  TimeoutError,
  UnavailableError,
} from '@app/contracts';
import { getMetrics } from '@app/observability';
import { isMaxPayloadExceeded, requestTooLargeError } from './payload-limit.js';
import type { CallContext } from './request-context.js';

/** Typed request/reply over the bus with a deadline; failures arrive as DomainErrors. */
export class RpcClient {
  constructor(
    private readonly transport: ClientProxy,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {}

  /** `options.timeoutMs` replaces the default deadline for requests known to take longer (AI copy). */
  async send<S extends Subject>(
    subject: S,
    data: RequestOf<S>,
    context: CallContext,
    options: { timeoutMs?: number } = {},
  ): Promise<ReplyOf<S>> {
    const envelope: RpcEnvelope<RequestOf<S>> = { ...context, data };
    const startedAt = performance.now();
    let outcome = 'ok';
    try {
      return await firstValueFrom(
        this.transport
          .send<ReplyOf<S>, RpcEnvelope<RequestOf<S>>>(subject, envelope)
          .pipe(timeout(options.timeoutMs ?? this.timeoutMs)),
      );
    } catch (error) {
      const domainError = this.toDomainError(error, subject, context.correlationId);
      outcome = domainError.code;
      throw domainError;
    } finally {
      getMetrics().rpcDuration.observe({ subject, outcome }, (performance.now() - startedAt) / 1000);
    }
  }

  private toDomainError(error: unknown, subject: string, correlationId: string): DomainError {
    if (isRpcErrorBody(error)) return domainErrorFromBody(error);
    if (error instanceof RxTimeoutError) return new TimeoutError();
    if (isNoResponders(error)) return new UnavailableError();
    if (isMaxPayloadExceeded(error)) return requestTooLargeError();
    this.logger.error({ err: error, subject, correlationId }, 'Bus request failed unexpectedly');
    return new InternalError();
  }
}

/** NATS answers a request nobody subscribes to with an empty status message; Nest reports it this way. */
function isNoResponders(error: unknown): boolean {
  if (typeof error === 'string') return /no matching message handler/i.test(error);
  if (typeof error !== 'object' || error === null) return false;
  const message = String((error as { message?: unknown }).message ?? '');
  return (
    error.constructor.name === 'EmptyResponseException' ||
    /no responders|no subscribers listening|no matching message handler/i.test(message)
  );
}
