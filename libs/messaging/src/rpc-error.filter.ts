import { Catch, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { type Observable, throwError } from 'rxjs';
import type { Logger } from 'pino';
import { DomainError, InternalError, type RpcErrorBody } from '@app/contracts';
import { getMetrics } from '@app/observability';

/** Turns whatever a handler throws into the one RPC error shape; unknown errors are logged, never leaked. */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    const body = this.toBody(exception, host);
    getMetrics().errors.inc({ kind: 'rpc', code: body.code });
    return throwError(() => body);
  }

  private toBody(exception: unknown, host: ArgumentsHost): RpcErrorBody {
    if (exception instanceof DomainError) return exception.toBody();
    const envelope = host.switchToRpc().getData<{ correlationId?: string } | undefined>();
    this.logger.error(
      { err: exception, correlationId: envelope?.correlationId },
      'Unhandled error in a bus request handler',
    );
    return new InternalError().toBody();
  }
}
