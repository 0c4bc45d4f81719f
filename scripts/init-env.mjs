// `node scripts/init-env.mjs [dir]`: the init step of docker compose. Writes `<dir>/.env` (default: the
// repository), mode 600, from .env.example with every secret generated for this install. An existing .env
// keeps its values: only secrets that are missing or empty are generated, so running it again changes nothing
// (PostgreSQL and MinIO keep the passwords their volumes were created with).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const dir = process.argv[2] ?? root;
const envFile = join(dir, '.env');

/** Passwords go into postgres:// and http:// URLs: base64url keeps them to letters, digits, '-' and '_'. */
const password = () => randomBytes(24).toString('base64url');
const GENERATED = {
  POSTGRES_PASSWORD: password,
  AUTH_DB_PASSWORD: password,
  CONTENT_DB_PASSWORD: password,
  PLATFORM_DB_PASSWORD: password,
  ANALYTICS_DB_PASSWORD: password,
  MINIO_ROOT_PASSWORD: password,
  NATS_GATEWAY_PASSWORD: password,
  NATS_AUTH_PASSWORD: password,
  NATS_CONTENT_PASSWORD: password,
  NATS_PLATFORM_PASSWORD: password,
  NATS_ANALYTICS_PASSWORD: password,
  TOKEN_ENCRYPTION_KEYS: () => `k1:${randomBytes(32).toString('base64')}`,
  VISITOR_HASH_SECRET: () => randomBytes(32).toString('base64url'),
};

const template = existsSync(envFile) ? envFile : join(root, '.env.example');
const lines = readFileSync(template, 'utf8').split('\n');
const present = new Set();
const filled = [];
const output = lines.map((line) => {
  const [, name, value] = /^(\w+)=(.*)$/.exec(line) ?? [];
  if (!(name in GENERATED)) return line;
  present.add(name);
  if (value.trim() !== '') return line;
  filled.push(name);
  return `${name}=${GENERATED[name]()}`;
});
for (const name of Object.keys(GENERATED).filter((name) => !present.has(name))) {
  filled.push(name);
  output.splice(output.at(-1) === '' ? -1 : output.length, 0, `${name}=${GENERATED[name]()}`);
}
writeFileSync(envFile, output.join('\n'), { mode: 0o600 });
chmodSync(envFile, 0o600);
process.stdout.write(
  filled.length === 0
    ? `${envFile}: every secret is already set; nothing changed\n`
    : `${envFile}: generated ${filled.join(', ')}\n`,
);
