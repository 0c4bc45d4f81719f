import { type Env, readBool, readInt } from './env.js';

/**
 * Gateway request limits, each counted per window of `windowSec`. Anonymous requests (public routes, and
 * requests whose credentials fail) count per client address; authenticated ones per workspace.
 */
export interface RateLimitConfig {
  isEnabled: boolean;
  windowSec: number;
  /** Per client address: public routes, and every request whose credentials are refused. */
  anonymousMax: number;
  /** Per workspace (sessions and API keys of it together): every authenticated request. */
  workspaceMax: number;
  /** Per client address and route: register, login, refresh, logout. */
  signInMax: number;
  /** Per workspace: product from URL, media uploads and downloads, catalog and post imports. */
  costlyMax: number;
  /**
   * Per client address: tracked-link redirects whose code this gateway has not looked up lately (each costs a
   * lookup in analytics). Redirects answered from the gateway's memory are never counted.
   */
  linkLookupMax: number;
}

export function readRateLimits(env: Env): RateLimitConfig {
  return {
    isEnabled: readBool(env, 'RATE_LIMIT_ENABLED', true),
    windowSec: readInt(env, 'RATE_LIMIT_WINDOW_SEC', 60, 1, 86_400),
    anonymousMax: readInt(env, 'RATE_LIMIT_ANONYMOUS_MAX', 300, 1, 10_000_000),
    workspaceMax: readInt(env, 'RATE_LIMIT_WORKSPACE_MAX', 1200, 1, 10_000_000),
    signInMax: readInt(env, 'RATE_LIMIT_SIGN_IN_MAX', 30, 1, 10_000_000),
    costlyMax: readInt(env, 'RATE_LIMIT_COSTLY_MAX', 30, 1, 10_000_000),
    linkLookupMax: readInt(env, 'RATE_LIMIT_LINK_LOOKUP_MAX', 120, 1, 10_000_000),
  };
}
