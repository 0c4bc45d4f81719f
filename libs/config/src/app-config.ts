import { resolve } from 'node:path';
import {
  type Env,
  processEnv,
  readBool,
  readEnum,
  readInt,
  readList,
  readOptional,
  readString,
} from './env.js';

export const RUN_MODES = ['standalone', 'distributed'] as const;
export type RunMode = (typeof RUN_MODES)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Every setting Shopcast reads, validated once at boot. README lists each with its default. */
export interface AppConfig {
  mode: RunMode;
  port: number;
  host: string;
  opsPort: number;
  dataDir: string;
  databaseUrl: string;
  embeddedPostgresPort: number;
  natsUrl: string;
  rpcTimeoutMs: number;
  logLevel: LogLevel;
  corsOrigins: string[];
  allowPrivateUrls: boolean;
  publicBaseUrl: string;
  auth: {
    accessTokenTtlSec: number;
    refreshTokenTtlSec: number;
    jwtPrivateKey?: string;
    jwtKeyId?: string;
    issuer: string;
    audience: string;
    loginMaxFailures: number;
    loginLockSec: number;
  };
}

export function loadConfig(env: Env = processEnv()): AppConfig {
  const port = readInt(env, 'PORT', 3000, 0, 65535);
  return {
    mode: readEnum(env, 'SHOPCAST_MODE', RUN_MODES, 'distributed'),
    port,
    host: readString(env, 'HOST', '0.0.0.0'),
    opsPort: readInt(env, 'OPS_PORT', 0, 0, 65535),
    dataDir: resolve(readString(env, 'SHOPCAST_DATA_DIR', './data')),
    databaseUrl: readString(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/shopcast'),
    embeddedPostgresPort: readInt(env, 'SHOPCAST_PG_PORT', 54329, 1, 65535),
    natsUrl: readString(env, 'NATS_URL', 'nats://127.0.0.1:4222'),
    rpcTimeoutMs: readInt(env, 'RPC_TIMEOUT_MS', 5000, 50, 120000),
    logLevel: readEnum(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    corsOrigins: readList(env, 'CORS_ORIGINS'),
    allowPrivateUrls: readBool(env, 'SHOPCAST_ALLOW_PRIVATE_URLS', false),
    publicBaseUrl: readString(env, 'PUBLIC_BASE_URL', `http://localhost:${port}`).replace(/\/+$/, ''),
    auth: {
      accessTokenTtlSec: readInt(env, 'ACCESS_TOKEN_TTL_SEC', 900, 30, 86400),
      refreshTokenTtlSec: readInt(env, 'REFRESH_TOKEN_TTL_SEC', 30 * 86400, 60, 365 * 86400),
      jwtPrivateKey: readOptional(env, 'JWT_PRIVATE_KEY'),
      jwtKeyId: readOptional(env, 'JWT_KEY_ID'),
      issuer: readString(env, 'JWT_ISSUER', 'shopcast'),
      audience: readString(env, 'JWT_AUDIENCE', 'shopcast-api'),
      loginMaxFailures: readInt(env, 'LOGIN_MAX_FAILURES', 5, 1, 1000),
      loginLockSec: readInt(env, 'LOGIN_LOCK_SEC', 900, 1, 86400),
    },
  };
}
