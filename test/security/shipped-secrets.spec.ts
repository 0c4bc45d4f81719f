import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig, processEnv } from '@app/config';
import { ROOT } from '../e2e/system.js';

// No secret ships with Shopcast: docker compose takes every password and key from a .env generated for the
// install, and a distributed service refuses the sample values that were once published with it.
const SECRETS = [
  'POSTGRES_PASSWORD',
  'AUTH_DB_PASSWORD',
  'CONTENT_DB_PASSWORD',
  'PLATFORM_DB_PASSWORD',
  'ANALYTICS_DB_PASSWORD',
  'MINIO_ROOT_PASSWORD',
  'NATS_GATEWAY_PASSWORD',
  'NATS_AUTH_PASSWORD',
  'NATS_CONTENT_PASSWORD',
  'NATS_PLATFORM_PASSWORD',
  'NATS_ANALYTICS_PASSWORD',
  'TOKEN_ENCRYPTION_KEYS',
  'VISITOR_HASH_SECRET',
];
const SAMPLE_TOKEN_KEYS = 'dev:c2hvcGNhc3QtZGV2LXRva2VuLWVuY3J5cHRpb24tayE=';
const run = promisify(execFile);
const read = (file: string) => readFile(join(ROOT, file), 'utf8');

/** `NAME=value` lines of an env file. */
function parseEnv(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/^(\w+)=(.*)$/gm)].map(([, name, value]) => [name, value]));
}

describe('docker compose', () => {
  it('gives no secret a default: each one comes from .env, and compose stops without it', async () => {
    const compose = await read('docker-compose.yml');
    for (const name of SECRETS) {
      const uses = [...compose.matchAll(new RegExp(`\\$\\{${name}(:?[-?+][^}]*)?\\}`, 'g'))];
      expect({ name, isUsed: uses.length > 0 }).toEqual({ name, isUsed: true });
      for (const [, operator] of uses) expect(operator ?? '').toMatch(/^:\?/);
      expect(`${name}: ${uses.map(([use]) => use).join(' ')}`).not.toMatch(/:-/);
    }
    expect(compose).not.toContain('c2hvcGNhc3Qt');
    const example = parseEnv(await read('.env.example'));
    for (const name of SECRETS) expect(`${name}=${example[name]}`).toBe(`${name}=`);
  });
});

describe('scripts/init-env.mjs', () => {
  let dir: string;
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const initEnv = () => run(process.execPath, [join(ROOT, 'scripts/init-env.mjs'), dir]);

  it('writes a .env only its owner can read, with every secret generated and accepted in distributed mode', async () => {
    dir = await mkdtemp(join(tmpdir(), 'shopcast-env-'));
    await initEnv();
    const file = join(dir, '.env');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const env = parseEnv(await readFile(file, 'utf8'));
    const values = SECRETS.map((name) => env[name]);
    expect(values.every((value) => value !== undefined && value.length >= 32)).toBe(true);
    expect(new Set(values).size).toBe(SECRETS.length);
    expect(env.MINIO_ROOT_USER).toBe('shopcast');
    const config = loadConfig({
      SHOPCAST_MODE: 'distributed',
      TOKEN_ENCRYPTION_KEYS: env.TOKEN_ENCRYPTION_KEYS,
      S3_SECRET_KEY: env.MINIO_ROOT_PASSWORD,
      VISITOR_HASH_SECRET: env.VISITOR_HASH_SECRET,
      DATABASE_URL: `postgres://auth:${env.AUTH_DB_PASSWORD}@postgres:5432/shopcast`,
    });
    expect(config.publishing.tokenEncryptionKeys).toEqual([env.TOKEN_ENCRYPTION_KEYS]);

    const first = await readFile(file, 'utf8');
    await initEnv();
    expect(await readFile(file, 'utf8')).toBe(first);
  });

  it("keeps an existing .env's values and fills in only the secrets it lacks", async () => {
    dir = await mkdtemp(join(tmpdir(), 'shopcast-env-'));
    await copyFile(join(ROOT, '.env.example'), join(dir, '.env'));
    const example = await readFile(join(dir, '.env'), 'utf8');
    const mine = example
      .replace(/^POSTGRES_PASSWORD=$/m, 'POSTGRES_PASSWORD=my-own-password')
      .replace(/^TOKEN_ENCRYPTION_KEYS=.*\n/m, '');
    await writeFile(join(dir, '.env'), mine, { mode: 0o644 });
    await initEnv();
    const env = parseEnv(await readFile(join(dir, '.env'), 'utf8'));
    expect(env.POSTGRES_PASSWORD).toBe('my-own-password');
    expect(env.TOKEN_ENCRYPTION_KEYS).toMatch(/^k1:[A-Za-z0-9+/]{43}=$/);
    expect(env.AUTH_DB_PASSWORD).toMatch(/^[\w-]{32}$/);
    expect((await stat(join(dir, '.env'))).mode & 0o777).toBe(0o600);
  });
});

describe('distributed mode', () => {
  it.each<[string, Record<string, string>]>([
    ['TOKEN_ENCRYPTION_KEYS', { TOKEN_ENCRYPTION_KEYS: `k2:${'A'.repeat(43)}=,${SAMPLE_TOKEN_KEYS}` }],
    ['DATABASE_URL', { DATABASE_URL: 'postgres://platform:platform-dev-password@postgres:5432/shopcast' }],
    ['S3_SECRET_KEY', { S3_SECRET_KEY: 'minio-dev-password' }],
    ['NATS_PASSWORD', { NATS_USER: 'gateway', NATS_PASSWORD: 'gateway-nats-dev-password' }],
    ['S3_SECRET_KEY', { S3_SECRET_KEY: 'minioadmin' }],
    ['VISITOR_HASH_SECRET', { VISITOR_HASH_SECRET: 'change-me-visitor-hash' }],
  ])('refuses to start with the published sample value of %s, naming it', (name, env) => {
    const load = () => loadConfig({ SHOPCAST_MODE: 'distributed', ...env });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(new RegExp(`^${name} holds a sample value published with Shopcast`));
    expect(() => loadConfig({ SHOPCAST_MODE: 'standalone', ...env })).not.toThrow();
  });

  it('names every variable at once', () => {
    expect(() =>
      loadConfig({
        SHOPCAST_MODE: 'distributed',
        TOKEN_ENCRYPTION_KEYS: SAMPLE_TOKEN_KEYS,
        S3_SECRET_KEY: 'change-me-minio',
      }),
    ).toThrow(/^TOKEN_ENCRYPTION_KEYS, S3_SECRET_KEY hold sample values/);
  });

  it('stops the platform service at start, before it opens anything, with the reason on stderr', async () => {
    const env: NodeJS.ProcessEnv = {
      ...processEnv(),
      SHOPCAST_MODE: 'distributed',
      TOKEN_ENCRYPTION_KEYS: SAMPLE_TOKEN_KEYS,
      NATS_URL: 'nats://127.0.0.1:1',
      DATABASE_URL: 'postgres://platform@127.0.0.1:1/shopcast',
    };
    delete env.NODE_OPTIONS;
    const child = spawn(process.execPath, [join(ROOT, 'dist/apps/platform/apps/platform/src/main.js')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(exitCode).not.toBe(0);
    expect(output).toContain('TOKEN_ENCRYPTION_KEYS holds a sample value published with Shopcast');
  }, 60_000);
});
