import type { ErrorCode } from '@app/contracts';

/** The body of every error response. */
export class ErrorBodyView {
  /** Machine-readable code: invalid, unauthorized, forbidden, not_found, conflict, rate_limited, ... */
  code!: ErrorCode;
  /** The HTTP status, repeated. */
  status!: number;
  /** What went wrong, in words a user understands. */
  message!: string;
  /** For validation errors: `fields` with each field's messages; for 429: `retryAfterSec`. */
  details?: Record<string, unknown>;
  /** The request id, for support. */
  requestId?: string;
}
