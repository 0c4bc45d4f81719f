import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { DomainError, type ErrorCode, type RpcErrorBody } from '@app/contracts';
import { getMetrics, LOGGER } from '@app/observability';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'invalid',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  410: 'gone',
  413: 'payload_too_large',
  429: 'rate_limited',
  502: 'upstream',
  503: 'unavailable',
  504: 'timeout',
};

/** Maps every error to `{code, status, message, details?, requestId}`; internals are logged, never sent. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = this.toBody(exception, request);
    getMetrics().errors.inc({ kind: 'http', code: body.code });
    const retryAfter = body.details?.retryAfterSec;
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(Math.ceil(retryAfter)));
    void reply.status(body.status).send({ ...body, requestId: String(request.id) });
  }

  private toBody(exception: unknown, request: FastifyRequest): RpcErrorBody {
    if (exception instanceof DomainError) return exception.toBody();
    if (exception instanceof HttpException) return fromHttpException(exception);
    const status = statusOfFastifyError(exception);
    if (status !== undefined && status < 500) {
      return { code: CODE_BY_STATUS[status] ?? 'invalid', status, message: (exception as Error).message };
    }
    this.logger.error({ err: exception, requestId: request.id, url: request.url }, 'Unhandled error');
    return { code: 'internal', status: 500, message: 'Internal error' };
  }
}

function fromHttpException(exception: HttpException): RpcErrorBody {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const raw =
    typeof response === 'object' && response !== null
      ? (response as { message?: unknown }).message
      : response;
  const message = Array.isArray(raw) ? raw.join('; ') : String(raw ?? exception.message);
  return { code: CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'invalid'), status, message };
}

/** Fastify's own errors (bad JSON, body too large, wrong content type) carry a 4xx statusCode. */
function statusOfFastifyError(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const status = (exception as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}
