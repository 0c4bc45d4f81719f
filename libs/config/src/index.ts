export * from './app-config.js';
export * from './config.module.js';
export { ConfigError, processEnv, type Env } from './env.js';
export type { RateLimitConfig } from './rate-limits.js';
export type { TrustProxy } from './trust-proxy.js';
