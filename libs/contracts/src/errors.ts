/** The one error shape that crosses the bus and reaches HTTP clients. */
export interface RpcErrorBody {
  code: ErrorCode;
  status: number;
  message: string;
  details?: Record<string, unknown>;
}

export type ErrorCode =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'payload_too_large'
  | 'rate_limited'
  | 'internal'
  | 'upstream'
  | 'unavailable'
  | 'timeout';

/** A failure the caller can understand; thrown by services and mapped to RpcErrorBody by one filter. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  toBody(): RpcErrorBody {
    return this.details === undefined
      ? { code: this.code, status: this.status, message: this.message }
      : { code: this.code, status: this.status, message: this.message, details: this.details };
  }
}

export class InvalidError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('invalid', 400, message, details);
  }
}
export class UnauthorizedError extends DomainError {
  constructor(message = 'Authentication required') {
    super('unauthorized', 401, message);
  }
}
export class ForbiddenError extends DomainError {
  constructor(message = 'You do not have permission to do this') {
    super('forbidden', 403, message);
  }
}
export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('not_found', 404, `${what} not found`);
  }
}
export class ConflictError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('conflict', 409, message, details);
  }
}
export class RateLimitedError extends DomainError {
  constructor(message: string, retryAfterSec: number) {
    super('rate_limited', 429, message, { retryAfterSec });
  }
}
/** A wait in words for a 429 message: "42 seconds", "3 minutes". */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
export class UpstreamError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('upstream', 502, message, details);
  }
}
export class UnavailableError extends DomainError {
  constructor(message = 'Service unavailable, try again shortly') {
    super('unavailable', 503, message);
  }
}
export class TimeoutError extends DomainError {
  constructor(message = 'The service did not answer in time') {
    super('timeout', 504, message);
  }
}
export class InternalError extends DomainError {
  constructor() {
    super('internal', 500, 'Internal error');
  }
}

/** True when a value has the RpcErrorBody shape (it came over the bus). */
export function isRpcErrorBody(value: unknown): value is RpcErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.code === 'string' &&
    typeof candidate.status === 'number' &&
    typeof candidate.message === 'string'
  );
}

/** Rebuilds a DomainError from a body received over the bus. */
export function domainErrorFromBody(body: RpcErrorBody): DomainError {
  return new DomainError(body.code, body.status, body.message, body.details);
}
