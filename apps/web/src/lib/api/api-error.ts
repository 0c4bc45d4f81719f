/** One field's messages, as the API lists them in `details.fields` of a 400. */
export interface FieldError {
  field: string;
  messages: string[];
}

interface ErrorBody {
  code?: string;
  status?: number;
  message?: string;
  requestId?: string;
  details?: { fields?: FieldError[]; retryAfterSec?: number } & Record<string, unknown>;
}

/** An API answer that was not a success, with the server's own words: `{code, status, message, details}`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly requestId?: string;

  constructor(status: number, body: unknown) {
    const error = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
    super(error.message ?? `The request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.code = error.code ?? 'unknown';
    this.fields = error.details?.fields ?? [];
    this.requestId = error.requestId;
  }

  /** Field errors keyed by field path (`targets.0.text`), as form libraries take them. */
  fieldMessages(): Record<string, string> {
    return Object.fromEntries(this.fields.map((field) => [field.field, field.messages.join('; ')]));
  }
}

/** What to tell a person about any error a request threw. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return 'Shopcast cannot be reached. Check your connection and try again.';
  return error instanceof Error ? error.message : 'Something went wrong';
}

/** The data of an openapi-fetch answer, or its error thrown as an ApiError (so TanStack Query sees a failure). */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  throw new ApiError(result.response.status, result.error);
}
