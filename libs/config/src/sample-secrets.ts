import { ConfigError, type Env } from './env.js';

/**
 * Secret values that were published with Shopcast (docker-compose.yml defaults, .env.example, k8s template,
 * MinIO's own default): anyone can read them, so a deployment using one has no secret at all.
 */
const PUBLISHED_PASSWORDS = new Set([
  'postgres-dev-password',
  'auth-dev-password',
  'content-dev-password',
  'platform-dev-password',
  'analytics-dev-password',
  'minio-dev-password',
  'visitor-hash-dev-secret',
  'change-me-postgres',
  'change-me-auth',
  'change-me-content',
  'change-me-platform',
  'change-me-analytics',
  'change-me-minio',
  'change-me-visitor-hash',
  ...['gateway', 'auth', 'content', 'platform', 'analytics'].flatMap((app) => [
    `${app}-nats-dev-password`,
    `change-me-nats-${app}`,
  ]),
  'shopcast-local',
  'minioadmin',
  'CHANGE_ME',
]);
/** The key material of the sample `TOKEN_ENCRYPTION_KEYS` entry, whatever key id it was given. */
const PUBLISHED_TOKEN_KEYS = new Set([
  'c2hvcGNhc3QtZGV2LXRva2VuLWVuY3J5cHRpb24tayE=',
  'CHANGE_ME_32_BYTES_BASE64',
]);

const HOW_TO_FIX =
  'generate your own (docker compose: `node scripts/init-env.mjs` writes a .env with new values; see .env.example)';

/** The password in a postgres:// URL, or undefined when it has none or is not a URL. */
function passwordOf(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

/** The variables of `env` that hold a published sample secret. */
export function variablesWithSampleSecrets(env: Env): string[] {
  const isPublished = (value: string | undefined) => value !== undefined && PUBLISHED_PASSWORDS.has(value);
  const tokenKeys = (env.TOKEN_ENCRYPTION_KEYS ?? '').split(',').map((entry) => entry.trim());
  const checks: Array<[string, boolean]> = [
    [
      'TOKEN_ENCRYPTION_KEYS',
      tokenKeys.some((entry) => PUBLISHED_TOKEN_KEYS.has(entry.slice(entry.indexOf(':') + 1))),
    ],
    ['DATABASE_URL', isPublished(passwordOf(env.DATABASE_URL ?? ''))],
    ['NATS_PASSWORD', isPublished(env.NATS_PASSWORD)],
    ['S3_SECRET_KEY', isPublished(env.S3_SECRET_KEY)],
    ['VISITOR_HASH_SECRET', isPublished(env.VISITOR_HASH_SECRET)],
    ['MEDIA_URL_SECRET', isPublished(env.MEDIA_URL_SECRET)],
  ];
  return checks.filter(([, isSample]) => isSample).map(([name]) => name);
}

/** Refuses to run a deployment whose secrets include a value published with Shopcast, naming each variable. */
export function assertNoSampleSecrets(env: Env): void {
  const variables = variablesWithSampleSecrets(env);
  if (variables.length === 0) return;
  throw new ConfigError(
    `${variables.join(', ')} ${variables.length === 1 ? 'holds a sample value' : 'hold sample values'} published with Shopcast, which anyone can read: ${HOW_TO_FIX}`,
  );
}
