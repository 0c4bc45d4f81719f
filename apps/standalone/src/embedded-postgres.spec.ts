import { rm, stat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { freePort, tempDataDir } from '../../../test/e2e/system.js';
import { type EmbeddedDatabase, POSTGRES_PASSWORD_FILE, startEmbeddedPostgres } from './embedded-postgres.js';

const FORMER_PASSWORD = 'shopcast-local';
const log = () => undefined;

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Whether the server lets the superuser in with `password`. */
async function accepts(database: EmbeddedDatabase, password: string): Promise<boolean> {
  const url = new URL(database.url);
  url.password = password;
  return query(url.toString(), 'SELECT 1').then(
    () => true,
    () => false,
  );
}

describe('embedded PostgreSQL of standalone Shopcast', () => {
  let dataDir: string | undefined;
  let database: EmbeddedDatabase | undefined;

  afterEach(async () => {
    await database?.stop();
    database = undefined;
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('gets a superuser password generated at first start, kept mode 600 and used again after a restart', async () => {
    dataDir = await tempDataDir();
    const port = await freePort();
    database = await startEmbeddedPostgres(dataDir, port, log);
    const file = join(dataDir, POSTGRES_PASSWORD_FILE);
    const password = (await readFile(file, 'utf8')).trim();
    expect(password).toMatch(/^[\w-]{32}$/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(decodeURIComponent(new URL(database.url).password)).toBe(password);
    expect(await accepts(database, FORMER_PASSWORD)).toBe(false);

    await query(database.url, 'CREATE TABLE kept (id int)');
    await database.stop();
    database = await startEmbeddedPostgres(dataDir, port, log);
    expect(decodeURIComponent(new URL(database.url).password)).toBe(password);
    expect(await query(database.url, 'SELECT count(*)::int AS n FROM kept')).toEqual([{ n: 0 }]);
  }, 120_000);

  it('moves a data directory made with the former fixed password to a generated one, keeping its data', async () => {
    dataDir = await tempDataDir();
    const port = await freePort();
    // An install from before: its superuser has the former password, and no password file exists.
    database = await startEmbeddedPostgres(dataDir, port, log);
    await query(database.url, 'CREATE TABLE products (title text)');
    await query(database.url, "INSERT INTO products VALUES ('Mug')");
    await query(database.url, `ALTER ROLE postgres PASSWORD '${FORMER_PASSWORD}'`);
    await database.stop();
    await rm(join(dataDir, POSTGRES_PASSWORD_FILE));

    const lines: string[] = [];
    database = await startEmbeddedPostgres(dataDir, port, (line) => lines.push(line));
    const password = (await readFile(join(dataDir, POSTGRES_PASSWORD_FILE), 'utf8')).trim();
    expect(await accepts(database, password)).toBe(true);
    expect(await accepts(database, FORMER_PASSWORD)).toBe(false);
    expect(await query(database.url, 'SELECT title FROM products')).toEqual([{ title: 'Mug' }]);
    expect(lines.join('\n')).not.toContain(password);
  }, 120_000);
});
