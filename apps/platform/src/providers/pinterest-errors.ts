import { PublishError } from './provider.js';

/** Pinterest's one error shape (`Pinterest.Lib.Error`). */
export interface PinterestErrorBody {
  code?: number;
  message?: string;
}

/** Without a reset header, retry a rate-limited call after this long. */
export const RATE_LIMIT_BACKOFF_MS = 60_000;

/** A failed Pinterest answer as a PublishError whose message a shop owner can act on. */
export function pinterestError(response: Response, body: PinterestErrorBody, doing: string): PublishError {
  const status = response.status;
  const said = body.message?.trim() || `HTTP ${status}`;
  if (status === 401)
    return new PublishError(
      'needs_reconnect',
      'Pinterest no longer accepts Shopcast’s access to this account; reconnect it',
      status,
    );
  if (status === 429)
    return new PublishError(
      'rate_limited',
      `Pinterest's rate limit was reached while ${doing}; Shopcast will retry after it resets`,
      status,
      retryAtOf(response),
    );
  if (status >= 500)
    return new PublishError(
      'retryable',
      `Pinterest had a server error (${status}) while ${doing}; Shopcast will retry`,
      status,
    );
  return new PublishError(
    'rejected_content',
    `Pinterest rejected the request while ${doing}: ${said}${hintFor(status, said)}`,
    status,
  );
}

/** What the user can do about the common refusals. */
function hintFor(status: number, message: string): string {
  if (/board/i.test(message) && (status === 404 || status === 403))
    return ' Pick the board again: it may have been deleted or belong to another Pinterest account.';
  if (/image/i.test(message)) return ' Make sure each image URL is public and is a PNG or JPEG.';
  if (status === 403) return ' The connected account may lack permission; reconnect it if this persists.';
  return '';
}

/** Retry-After (seconds or HTTP date) or an epoch-seconds reset header when sent; otherwise a fixed backoff. */
export function retryAtOf(response: Response, now = Date.now()): Date {
  const retryAfter = response.headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return new Date(now + seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return new Date(date);
  }
  const reset = Number(response.headers.get('x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > now / 1000) return new Date(reset * 1000);
  return new Date(now + RATE_LIMIT_BACKOFF_MS);
}
