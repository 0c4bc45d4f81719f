import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { toCsv } from './csv.js';

function wantsCsv(request: FastifyRequest): boolean {
  const format = (request.query as { format?: unknown } | undefined)?.format;
  if (format === 'csv') return true;
  if (format === 'json') return false;
  return /\btext\/csv\b/.test(request.headers.accept ?? '');
}

/** Answers with CSV instead of JSON when asked by `?format=csv` or `Accept: text/csv`. */
export class CsvInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (!wantsCsv(request)) return next.handle();
    const reply = http.getResponse<FastifyReply>();
    const name = (request.routeOptions.url ?? 'export')
      .split('/')
      .filter((part) => part && !part.startsWith(':'))
      .pop();
    return next.handle().pipe(
      map((data: unknown) => {
        void reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name ?? 'export'}.csv"`);
        return toCsv(data);
      }),
    );
  }
}
