import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import pg from 'pg';
import { ROOT, stopProcess } from '../test/e2e/system.js';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.js';
import type { Target } from './load.js';

const ISSUER = 'shopcast';
const AUDIENCE = 'shopcast-api';

// The columns of content.products (apps/content migrations), plus the (workspace_id, id) index that serves the read.
const SCHEMA_SQL = `
  CREATE SCHEMA content;
  CREATE TABLE content.products (
    id uuid PRIMARY KEY,
    workspace_id uuid NOT NULL,
    title varchar(200) NOT NULL,
    description text,
    price_minor integer,
    currency varchar(3),
    cost_minor integer,
    commission_rate numeric(5, 2),
    category varchar(100),
    tags text[] NOT NULL DEFAULT '{}',
    destination_url text,
    external_id varchar(200),
    status text NOT NULL DEFAULT 'active',
    created_at timestamptz(3) NOT NULL DEFAULT now(),
    updated_at timestamptz(3) NOT NULL DEFAULT now()
  );
  CREATE INDEX products_workspace_id_id ON content.products (workspace_id, id);`;

/** The bare Fastify + pg handler (bare-server.ts) in its own process, on a temp database of the machine's Postgres. */
export async function startBareBaseline(): Promise<Target> {
  const database = await createTestDatabase('shopcast_bench');
  let child: ChildProcess | undefined;
  const stop = async () => {
    if (child) await stopProcess(child);
    await database.drop();
  };
  try {
    const productId = randomUUID();
    const workspaceId = randomUUID();
    await seed(database, productId, workspaceId);
    const kid = randomUUID();
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const token = await new SignJWT({ wid: workspaceId, role: 'owner' })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setSubject(randomUUID())
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    child = spawn(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', join(ROOT, 'bench/bare-server.ts')],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          BENCH_DATABASE_URL: database.url,
          BENCH_JWT_KID: kid,
          BENCH_JWT_PUBLIC_KEY: await exportSPKI(publicKey),
          BENCH_JWT_ISSUER: ISSUER,
          BENCH_JWT_AUDIENCE: AUDIENCE,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const port = await readPort(child);
    return { baseUrl: `http://127.0.0.1:${port}`, token, productId, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function seed(database: TestDatabase, productId: string, workspaceId: string): Promise<void> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(SCHEMA_SQL);
    await client.query(
      `INSERT INTO content.products (id, workspace_id, title, description, price_minor, currency, tags)
       VALUES ($1, $2, 'Bench mug', 'A mug to benchmark with', 1999, 'USD', '{bench}')`,
      [productId, workspaceId],
    );
  } finally {
    await client.end();
  }
}

/** bare-server.ts prints `{"port":n}` once it listens. */
function readPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) return reject(new Error('The bare server has no stdout'));
    createInterface({ input: child.stdout }).once('line', (line: string) => {
      resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) =>
      reject(new Error(`The bare server exited (${String(code)}) before listening`)),
    );
  });
}
