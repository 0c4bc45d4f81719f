import type { PipeTransform } from '@nestjs/common';
import { InvalidError, type Principal, type RpcEnvelope, UnauthorizedError } from '@app/contracts';
import { validateDto } from './validation.js';

/**
 * Checks an incoming bus request: a well-formed envelope, and `data` valid against its contract class.
 * Services validate again what the gateway validated, because the bus is not only the gateway's.
 */
export class EnvelopePipe<T extends object> implements PipeTransform<unknown, Promise<RpcEnvelope<T>>> {
  constructor(private readonly dtoClass?: new () => T) {}

  async transform(value: unknown): Promise<RpcEnvelope<T>> {
    if (typeof value !== 'object' || value === null) throw new InvalidError('Malformed request envelope');
    const envelope = value as RpcEnvelope<unknown>;
    if (typeof envelope.correlationId !== 'string') throw new InvalidError('Missing correlation id');
    const data = this.dtoClass ? await validateDto(this.dtoClass, envelope.data ?? {}) : (envelope.data as T);
    return { ...envelope, data };
  }
}

/** The caller's principal, or 401 when the request carries none. */
export function requirePrincipal(envelope: RpcEnvelope<unknown>): Principal {
  if (!envelope.principal) throw new UnauthorizedError();
  return envelope.principal;
}
