import { PublishError } from '../provider.js';

/** The Graph API's error body (graph-api/guides/error-handling). */
export interface GraphErrorBody {
  error?: {
    message?: string;
    type?: string;
    code?: number;
    error_subcode?: number;
    error_user_title?: string;
    error_user_msg?: string;
    is_transient?: boolean;
    fbtrace_id?: string;
  };
}

/** Instagram: the account published its 24-hour quota. */
export const IG_DAILY_LIMIT_SUBCODE = 2207042;
/** Instagram: media_publish on a container that is not FINISHED. */
export const IG_MEDIA_NOT_READY_SUBCODE = 2207027;
/** Instagram: the container is older than 24 h. */
export const IG_CONTAINER_EXPIRED_SUBCODE = 2207003;

const RATE_LIMIT_CODES = new Set([4, 17, 32, 341, 613]);
/** 80001 Pages, 80002 Instagram, ... 80014: business use case rate limits. */
const isBusinessUseCaseThrottle = (code: number) => code >= 80_000 && code <= 80_014;

/**
 * Turns a Graph error into a PublishError a user can act on. `label` names the platform ("Facebook",
 * "Instagram"); `doing` says what Shopcast was doing, for the message.
 */
export function classifyGraphError(
  status: number,
  body: GraphErrorBody,
  headers: Headers,
  label: string,
  doing: string,
): PublishError {
  const error = body.error ?? {};
  const code = error.code ?? 0;
  const subcode = error.error_subcode ?? 0;
  const detail = error.error_user_msg ?? error.message ?? `HTTP ${status}`;
  if (RATE_LIMIT_CODES.has(code) || isBusinessUseCaseThrottle(code) || subcode === IG_DAILY_LIMIT_SUBCODE)
    return new PublishError(
      'rate_limited',
      `${label}'s rate limit was reached while ${doing}; Shopcast will retry after it resets`,
      status,
      regainAccessAt(headers),
    );
  if (code === 190)
    return new PublishError(
      'needs_reconnect',
      `${label} no longer accepts Shopcast's access to this account (${detail}); reconnect it`,
      status,
    );
  if (code === 10 || (code >= 200 && code <= 299))
    return new PublishError(
      'needs_reconnect',
      `${label} refused a permission while ${doing} (${detail}); reconnect the account and grant every permission Shopcast asks for`,
      status,
    );
  if (code === 506)
    return new PublishError('rejected_content', `${label} rejected the post as a duplicate`, status);
  if (code === 368)
    return new PublishError(
      'rejected_content',
      `${label} blocked the post under its policies: ${detail}`,
      status,
    );
  if (
    code === 1 ||
    code === 2 ||
    error.is_transient === true ||
    subcode === IG_MEDIA_NOT_READY_SUBCODE ||
    subcode === IG_CONTAINER_EXPIRED_SUBCODE ||
    status >= 500
  )
    return new PublishError(
      'retryable',
      `${label} had a temporary problem while ${doing} (${detail}); Shopcast will retry`,
      status,
    );
  return new PublishError(
    'rejected_content',
    `${label} rejected the request while ${doing}: ${detail}`,
    status,
  );
}

/**
 * The latest `estimated_time_to_regain_access` (minutes) of X-Business-Use-Case-Usage; null when the
 * platform gave none.
 */
export function regainAccessAt(headers: Headers, now = Date.now()): Date | null {
  const raw = headers.get('x-business-use-case-usage');
  if (!raw) return null;
  let usage: unknown;
  try {
    usage = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof usage !== 'object' || usage === null) return null;
  const minutes = Object.values(usage as Record<string, unknown>)
    .flatMap((entries) => (Array.isArray(entries) ? entries : []))
    .map((entry) =>
      Number((entry as { estimated_time_to_regain_access?: unknown }).estimated_time_to_regain_access),
    )
    .filter((value) => Number.isFinite(value) && value > 0);
  return minutes.length > 0 ? new Date(now + Math.max(...minutes) * 60_000) : null;
}
