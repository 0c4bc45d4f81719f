import { resolve } from 'node:path';
import {
  ConfigError,
  type Env,
  processEnv,
  readBool,
  readEnum,
  readHttpUrl,
  readInt,
  readList,
  readOptional,
  readString,
} from './env.js';
import { readDurations } from './durations.js';
import { type RateLimitConfig, readRateLimits } from './rate-limits.js';
import { assertNoSampleSecrets } from './sample-secrets.js';
import { readTrustProxy, type TrustProxy } from './trust-proxy.js';

export const RUN_MODES = ['standalone', 'distributed'] as const;
export type RunMode = (typeof RUN_MODES)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const STORAGE_DRIVERS = ['fs', 's3'] as const;
export type StorageDriver = (typeof STORAGE_DRIVERS)[number];

/** Every setting Shopcast reads, validated once at boot. README lists each with its default. */
/** How an app signs in to NATS: none of these set connects without credentials or TLS (a local server). */
export interface NatsAccess {
  user: string | undefined;
  password: string | undefined;
  /** With a CA, the connection requires TLS and verifies the server against it. */
  tlsCaFile: string | undefined;
  /** A client certificate and key, where the server asks for one (mutual TLS). */
  tlsCertFile: string | undefined;
  tlsKeyFile: string | undefined;
}

export interface AppConfig {
  mode: RunMode;
  port: number;
  host: string;
  opsPort: number;
  dataDir: string;
  databaseUrl: string;
  embeddedPostgresPort: number;
  natsUrl: string;
  /** This app's NATS credentials and TLS files; each app has its own user, with the subjects it may use. */
  nats: NatsAccess;
  rpcTimeoutMs: number;
  /** An unpublished outbox event is stuck once publishing it failed this many times (a consumer keeps failing)... */
  stuckEventAttempts: number;
  /** ...or once it is this old: shown in readiness details and the `shopcast_outbox_stuck_events` gauge. */
  stuckEventAgeSec: number;
  logLevel: LogLevel;
  corsOrigins: string[];
  allowPrivateUrls: boolean;
  publicBaseUrl: string;
  /** Gateway: the built web app (`vite build` output) served at `/`; absent means the API is served alone. */
  webDir: string;
  /** Gateway: the proxies allowed to set the client's address and country (TRUST_PROXY). */
  trustProxy: TrustProxy;
  /** Redis shared by gateways for rate-limit counters; unset: each gateway counts in memory. */
  redisUrl?: string;
  rateLimits: RateLimitConfig;
  auth: {
    accessTokenTtlSec: number;
    refreshTokenTtlSec: number;
    jwtPrivateKey?: string;
    jwtKeyId?: string;
    issuer: string;
    audience: string;
    loginMaxFailures: number;
    loginLockSec: number;
    /** Failed sign-ins of one account, from any address, before each further attempt must wait. */
    accountFreeFailures: number;
    /** The longest such wait; it doubles from one second with each further failure. */
    accountMaxDelaySec: number;
    /** Quiet time after which an account's failures are forgotten. */
    accountResetSec: number;
    /** argon2 hashes one auth process computes at once; more wait in a queue. */
    passwordHashConcurrency: number;
    /** Hashes waiting beyond which sign-in answers 429 at once instead of queueing. */
    passwordHashQueueMax: number;
  };
  storage: {
    driver: StorageDriver;
    s3: {
      endpoint: string;
      accessKey?: string;
      secretKey?: string;
      bucket: string;
      region: string;
      publicEndpoint?: string;
    };
  };
  media: {
    maxImageBytes: number;
    maxPixels: number;
    /** HMAC key of filesystem media URLs; when unset, generated once and kept under dataDir. */
    urlSecret?: string;
    urlTtlSec: number;
    sharpConcurrency: number;
  };
  video: {
    /** The ffmpeg binary (Debian's `ffmpeg` package); a render fails with a clear reason when it is missing. */
    ffmpegPath: string;
    ffprobePath: string;
    /** Videos rendered at once by one content process. */
    renderConcurrency: number;
  };
  imports: {
    maxFileBytes: number;
    /** Files up to this size are imported within the request; larger ones run as a job. */
    inlineMaxBytes: number;
  };
  /** Platform app credentials and endpoints (<PLATFORM>_CLIENT_ID, ...); tests point them at local fakes. */
  platforms: Record<'x' | 'pinterest' | 'facebook' | 'instagram' | 'tiktok', PlatformAppConfig>;
  publishing: {
    /** `keyId:base64(32 bytes)` entries; the first encrypts. When empty, a key is generated once under dataDir. */
    tokenEncryptionKeys: string[];
    /** Deadline of one provider call; a publish call that outlives it is `unconfirmed`, never retried blindly. */
    callTimeoutMs: number;
    /** Publish attempts of one target before it is `failed`. */
    maxAttempts: number;
    /** Targets a platform process publishes at once. */
    concurrency: number;
    /** Of those, videos downloaded and uploaded at once (each spooled to a temp file under dataDir). */
    videoConcurrency: number;
    /** When a published target's platform metrics are read, in seconds after publishing (METRICS_POLL_OFFSETS). */
    metricsOffsets: number[];
    /** First retry delay of an outbound webhook delivery, doubled at each further attempt (8 at most). */
    webhookRetryBaseSec: number;
    /** How often a campaign with `autoWinner` asks analytics whether one of its variants won, in seconds. */
    winnerCheckSec: number;
  };
  links: LinksConfig;
  copy: CopyConfig;
  mail: MailConfig;
}

/** Outgoing mail (verification, invitations, password reset). */
export interface MailConfig {
  /** `smtp://user:pass@host:587` or `smtps://…`; when unset, each mail is written to `outboxDir` instead. */
  smtpUrl?: string;
  /** The From address, e.g. `Shopcast <no-reply@example.com>`. */
  from: string;
  /** Where mails go as .eml files when no SMTP server is configured (standalone without SMTP). */
  outboxDir: string;
}

/** Copy generation: the OpenAI-compatible model (optional) and the template hashtags. */
export interface CopyConfig {
  ai: {
    /** Any OpenAI-compatible endpoint (OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp). */
    baseUrl?: string;
    apiKey?: string;
    model: string;
    organization?: string;
    /** Deadline of one model request. */
    timeoutMs: number;
    /** Retries of a 429/5xx/timeout, with backoff that honours Retry-After. */
    maxRetries: number;
    /** Model requests one content process runs at once. */
    concurrency: number;
  };
  /** Seasonal or trending hashtags added to template copy. */
  seasonalHashtags: string[];
  /** Instagram's hashtag cap: 30 historically, 5 in newer guidance. */
  instagramHashtagCap: number;
  /** Deadline of a copy generation request between gateway and content; the model call ends before it. */
  generateTimeoutMs: number;
}

/** Tracked links, click ingestion and experiments. */
export interface LinksConfig {
  /** Where short links point (`<baseUrl>/l/<code>`): a short domain of their own, or the public address. */
  baseUrl: string;
  /** Query parameter carrying the click id to the destination. */
  clickIdParam: string;
  /** How long a gateway trusts a cached link before asking again (changes made elsewhere show up by then). */
  cacheTtlMs: number;
  /** Request header holding the visitor's ISO country code, set by a trusted proxy or CDN. */
  countryHeader: string;
  /** Offline MaxMind country database, consulted when the trusted header gives no country. */
  geoipDatabasePath?: string;
  /** Key of the visitor hash; when unset a random one per gateway process (uniques then count per process). */
  visitorHashSecret?: string;
  /** Clicks per stored batch, and the longest a click waits in the gateway before it is sent. */
  clickBatchSize: number;
  clickFlushMs: number;
  /** Clicks a gateway keeps in memory while they cannot be delivered; the oldest are dropped beyond it. */
  clickBufferMax: number;
  /** Trials per variant below which an experiment is `inconclusive`. */
  experimentMinSample: number;
  /** Destination domains (and their subdomains) no link may lead to, on top of the built-in shorteners. */
  blockedDomains: string[];
  /** When set, the only destination domains (and their subdomains) links may lead to. */
  allowedDomains: string[];
}

export interface PlatformAppConfig {
  clientId?: string;
  clientSecret?: string;
  apiBaseUrl: string;
  authUrl: string;
  tokenUrl: string;
}

export function loadConfig(env: Env = processEnv()): AppConfig {
  const port = readInt(env, 'PORT', 3000, 0, 65535);
  const publicBaseUrl = readString(env, 'PUBLIC_BASE_URL', `http://localhost:${port}`).replace(/\/+$/, '');
  const mode = readEnum(env, 'SHOPCAST_MODE', RUN_MODES, 'distributed');
  // A standalone install keeps its generated secrets under its data dir; a deployment brings its own.
  if (mode === 'distributed') assertNoSampleSecrets(env);
  return {
    mode,
    port,
    host: readString(env, 'HOST', '0.0.0.0'),
    opsPort: readInt(env, 'OPS_PORT', 0, 0, 65535),
    dataDir: resolve(readString(env, 'SHOPCAST_DATA_DIR', './data')),
    databaseUrl: readString(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/shopcast'),
    embeddedPostgresPort: readInt(env, 'SHOPCAST_PG_PORT', 54329, 1, 65535),
    natsUrl: readString(env, 'NATS_URL', 'nats://127.0.0.1:4222'),
    nats: readNatsAccess(env),
    rpcTimeoutMs: readInt(env, 'RPC_TIMEOUT_MS', 5000, 50, 120000),
    stuckEventAttempts: readInt(env, 'STUCK_EVENT_ATTEMPTS', 5, 1, 1000),
    stuckEventAgeSec: readInt(env, 'STUCK_EVENT_AGE_SEC', 600, 1, 30 * 24 * 3600),
    logLevel: readEnum(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    corsOrigins: readList(env, 'CORS_ORIGINS'),
    allowPrivateUrls: readBool(env, 'SHOPCAST_ALLOW_PRIVATE_URLS', false),
    publicBaseUrl,
    webDir: resolve(readString(env, 'WEB_DIR', './dist/web')),
    trustProxy: readTrustProxy(env),
    redisUrl: readOptional(env, 'REDIS_URL'),
    rateLimits: readRateLimits(env),
    auth: {
      accessTokenTtlSec: readInt(env, 'ACCESS_TOKEN_TTL_SEC', 900, 30, 86400),
      refreshTokenTtlSec: readInt(env, 'REFRESH_TOKEN_TTL_SEC', 30 * 86400, 60, 365 * 86400),
      jwtPrivateKey: readOptional(env, 'JWT_PRIVATE_KEY'),
      jwtKeyId: readOptional(env, 'JWT_KEY_ID'),
      issuer: readString(env, 'JWT_ISSUER', 'shopcast'),
      audience: readString(env, 'JWT_AUDIENCE', 'shopcast-api'),
      loginMaxFailures: readInt(env, 'LOGIN_MAX_FAILURES', 5, 1, 1000),
      loginLockSec: readInt(env, 'LOGIN_LOCK_SEC', 900, 1, 86400),
      accountFreeFailures: readInt(env, 'LOGIN_ACCOUNT_FREE_FAILURES', 10, 1, 1000),
      accountMaxDelaySec: readInt(env, 'LOGIN_ACCOUNT_MAX_DELAY_SEC', 300, 1, 86400),
      accountResetSec: readInt(env, 'LOGIN_ACCOUNT_RESET_SEC', 3600, 60, 7 * 86400),
      passwordHashConcurrency: readInt(env, 'PASSWORD_HASH_CONCURRENCY', 2, 1, 64),
      passwordHashQueueMax: readInt(env, 'PASSWORD_HASH_QUEUE_MAX', 64, 0, 100_000),
    },
    storage: {
      driver: readEnum(env, 'STORAGE_DRIVER', STORAGE_DRIVERS, 'fs'),
      s3: {
        endpoint: readString(env, 'S3_ENDPOINT', 'http://127.0.0.1:9000'),
        accessKey: readOptional(env, 'S3_ACCESS_KEY'),
        secretKey: readOptional(env, 'S3_SECRET_KEY'),
        bucket: readString(env, 'S3_BUCKET', 'shopcast-media'),
        region: readString(env, 'S3_REGION', 'us-east-1'),
        publicEndpoint: readOptional(env, 'S3_PUBLIC_ENDPOINT')?.replace(/\/+$/, ''),
      },
    },
    media: {
      maxImageBytes: readInt(env, 'MEDIA_MAX_IMAGE_BYTES', 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      maxPixels: readInt(env, 'MEDIA_MAX_PIXELS', 50_000_000, 10_000, 1_000_000_000),
      urlSecret: readOptional(env, 'MEDIA_URL_SECRET'),
      urlTtlSec: readInt(env, 'MEDIA_URL_TTL_SEC', 3600, 10, 7 * 86400),
      sharpConcurrency: readInt(env, 'SHARP_CONCURRENCY', 2, 1, 64),
    },
    video: {
      ffmpegPath: readString(env, 'VIDEO_FFMPEG_PATH', 'ffmpeg'),
      ffprobePath: readString(env, 'VIDEO_FFPROBE_PATH', 'ffprobe'),
      renderConcurrency: readInt(env, 'RENDER_CONCURRENCY', 1, 1, 16),
    },
    imports: {
      maxFileBytes: readInt(env, 'IMPORT_MAX_FILE_BYTES', 200 * 1024 * 1024, 1024, 2 * 1024 * 1024 * 1024),
      inlineMaxBytes: readInt(env, 'IMPORT_INLINE_MAX_BYTES', 256 * 1024, 0, 16 * 1024 * 1024),
    },
    platforms: {
      x: readPlatformApp(env, 'X', {
        apiBaseUrl: 'https://api.x.com',
        authUrl: 'https://x.com/i/oauth2/authorize',
        tokenUrl: 'https://api.x.com/2/oauth2/token',
      }),
      pinterest: readPlatformApp(env, 'PINTEREST', {
        apiBaseUrl: 'https://api.pinterest.com',
        authUrl: 'https://www.pinterest.com/oauth',
        tokenUrl: 'https://api.pinterest.com/v5/oauth/token',
      }),
      facebook: readPlatformApp(env, 'FACEBOOK', {
        apiBaseUrl: 'https://graph.facebook.com',
        authUrl: 'https://www.facebook.com/v21.0/dialog/oauth',
        tokenUrl: 'https://graph.facebook.com/v21.0/oauth/access_token',
      }),
      instagram: readPlatformApp(env, 'INSTAGRAM', {
        apiBaseUrl: 'https://graph.facebook.com',
        authUrl: 'https://www.facebook.com/v21.0/dialog/oauth',
        tokenUrl: 'https://graph.facebook.com/v21.0/oauth/access_token',
      }),
      tiktok: readPlatformApp(env, 'TIKTOK', {
        apiBaseUrl: 'https://open.tiktokapis.com',
        authUrl: 'https://www.tiktok.com/v2/auth/authorize',
        tokenUrl: 'https://open.tiktokapis.com/v2/oauth/token',
      }),
    },
    publishing: {
      tokenEncryptionKeys: readList(env, 'TOKEN_ENCRYPTION_KEYS'),
      callTimeoutMs: readInt(env, 'PUBLISH_CALL_TIMEOUT_MS', 30_000, 100, 600_000),
      maxAttempts: readInt(env, 'PUBLISH_MAX_ATTEMPTS', 5, 1, 20),
      concurrency: readInt(env, 'PUBLISH_CONCURRENCY', 100, 1, 500),
      videoConcurrency: readInt(env, 'PUBLISH_VIDEO_CONCURRENCY', 2, 1, 100),
      metricsOffsets: readDurations(env, 'METRICS_POLL_OFFSETS', '1h,6h,24h,72h,7d'),
      webhookRetryBaseSec: readInt(env, 'WEBHOOK_RETRY_BASE_SEC', 30, 1, 3600),
      winnerCheckSec: readInt(env, 'CAMPAIGN_WINNER_CHECK_SEC', 300, 1, 86_400),
    },
    links: {
      baseUrl: readHttpUrl(env, 'LINK_BASE_URL', publicBaseUrl),
      clickIdParam: readString(env, 'LINK_CLICK_ID_PARAM', 'sc_cid'),
      cacheTtlMs: readInt(env, 'LINK_CACHE_TTL_MS', 10_000, 0, 3_600_000),
      countryHeader: readString(env, 'LINK_COUNTRY_HEADER', 'cf-ipcountry').toLowerCase(),
      geoipDatabasePath: readOptional(env, 'GEOIP_DATABASE_PATH'),
      visitorHashSecret: readOptional(env, 'VISITOR_HASH_SECRET'),
      clickBatchSize: readInt(env, 'CLICK_BATCH_SIZE', 500, 1, 10_000),
      clickFlushMs: readInt(env, 'CLICK_FLUSH_MS', 200, 1, 60_000),
      clickBufferMax: readInt(env, 'CLICK_BUFFER_MAX', 200_000, 1000, 10_000_000),
      experimentMinSample: readInt(env, 'EXPERIMENT_MIN_SAMPLE', 100, 1, 1_000_000),
      blockedDomains: readList(env, 'LINK_BLOCKED_DOMAINS'),
      allowedDomains: readList(env, 'LINK_ALLOWED_DOMAINS'),
    },
    copy: {
      ai: {
        baseUrl: readOptional(env, 'OPENAI_BASE_URL')?.replace(/\/+$/, ''),
        apiKey: readOptional(env, 'OPENAI_API_KEY'),
        model: readString(env, 'OPENAI_MODEL', 'gpt-4o-mini'),
        organization: readOptional(env, 'OPENAI_ORGANIZATION'),
        timeoutMs: readInt(env, 'AI_TIMEOUT_MS', 20_000, 100, 600_000),
        maxRetries: readInt(env, 'AI_MAX_RETRIES', 2, 0, 10),
        concurrency: readInt(env, 'AI_CONCURRENCY', 4, 1, 100),
      },
      seasonalHashtags: readList(env, 'COPY_SEASONAL_HASHTAGS'),
      instagramHashtagCap: readInt(env, 'COPY_INSTAGRAM_HASHTAG_CAP', 5, 0, 30),
      generateTimeoutMs: readInt(env, 'COPY_GENERATE_TIMEOUT_MS', 60_000, 1000, 600_000),
    },
    mail: readMail(env),
  };
}

function readMail(env: Env): MailConfig {
  const dataDir = resolve(readString(env, 'SHOPCAST_DATA_DIR', './data'));
  return {
    smtpUrl: readOptional(env, 'SMTP_URL'),
    from: readString(env, 'MAIL_FROM', 'Shopcast <no-reply@localhost>'),
    outboxDir: resolve(readString(env, 'MAIL_OUTBOX_DIR', `${dataDir}/outbox`)),
  };
}

/** `<PREFIX>_CLIENT_ID`, `_CLIENT_SECRET`, `_API_BASE_URL`, `_AUTH_URL`, `_TOKEN_URL`; URLs without a trailing slash. */
function readPlatformApp(
  env: Env,
  prefix: string,
  defaults: Pick<PlatformAppConfig, 'apiBaseUrl' | 'authUrl' | 'tokenUrl'>,
): PlatformAppConfig {
  const url = (name: string, fallback: string) =>
    readString(env, `${prefix}_${name}`, fallback).replace(/\/+$/, '');
  return {
    clientId: readOptional(env, `${prefix}_CLIENT_ID`),
    clientSecret: readOptional(env, `${prefix}_CLIENT_SECRET`),
    apiBaseUrl: url('API_BASE_URL', defaults.apiBaseUrl),
    authUrl: url('AUTH_URL', defaults.authUrl),
    tokenUrl: url('TOKEN_URL', defaults.tokenUrl),
  };
}

function readNatsAccess(env: Env): NatsAccess {
  const access: NatsAccess = {
    user: readOptional(env, 'NATS_USER'),
    password: readOptional(env, 'NATS_PASSWORD'),
    tlsCaFile: readOptional(env, 'NATS_TLS_CA_FILE'),
    tlsCertFile: readOptional(env, 'NATS_TLS_CERT_FILE'),
    tlsKeyFile: readOptional(env, 'NATS_TLS_KEY_FILE'),
  };
  if ((access.user === undefined) !== (access.password === undefined))
    throw new ConfigError('NATS_USER and NATS_PASSWORD go together: set both, or neither');
  if ((access.tlsCertFile === undefined) !== (access.tlsKeyFile === undefined))
    throw new ConfigError('NATS_TLS_CERT_FILE and NATS_TLS_KEY_FILE go together: set both, or neither');
  return access;
}
