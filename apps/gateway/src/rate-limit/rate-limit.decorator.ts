import { SetMetadata } from '@nestjs/common';

export const RATE_LIMIT_POLICY = 'shopcast:rate-limit-policy';

/**
 * `sign-in`: register, login, refresh, logout, and the routes that mail a link or take a mailed token (password
 *   reset, email verification, invitation preview), counted per client address and route.
 * `costly`: work that downloads, stores or parses files, counted per workspace on top of its general limit.
 * `none`: not limited (probes, signed media URLs fetched by platforms from a few shared addresses).
 */
export type RateLimitPolicy = 'sign-in' | 'costly' | 'none';

/** Puts a route (or every route of a controller) under a stricter or no rate limit; see RateLimitPolicy. */
export const RateLimit = (policy: RateLimitPolicy) => SetMetadata(RATE_LIMIT_POLICY, policy);
