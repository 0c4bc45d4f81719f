// Publishing throughput: N targets due at once to a fast fake X, published by one and then two platform
// processes (each its own Node process, as deployed). Reports time to publish all, targets/s, p50/p99
// latency from due time to published, duplicates (must be 0) and the load average. Prints numbers; never
// fails on them. Needs `npx nest build platform` first. Each account is connected with its limits off
// (no daily cap, no minimum gap: see connectFakeX), so every target is due at the same moment.
// Run: node --import @swc-node/register/esm-register bench/publishing.ts
//   BENCH_TARGETS (10000), BENCH_ACCOUNTS (1000), BENCH_PROCESSES ("1,2"), BENCH_REPEAT (1),
//   BENCH_CONCURRENCY (PUBLISH_CONCURRENCY of each platform process; the service default when unset),
//   BENCH_NODE_ARGS (node flags of the platform processes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`)
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig, processEnv } from '@app/config';
import type { Principal } from '@app/contracts';
import { type CallContext, InProcessBus, InProcessClient, RpcClient, startService } from '@app/messaging';
import { PgBoss } from '@app/jobs';
import { createLogger } from '@app/observability';
import { PlatformModule } from '../apps/platform/src/platform.module.js';
import { PUBLISH_QUEUE } from '../apps/platform/src/publishing/publish-queue.js';
import { FakeXServer } from '../test/fakes/x/fake-x-server.js';
import { freePort, ROOT, stopProcess } from '../test/e2e/system.js';
import { createTestDatabase } from '../test/support/test-database.js';
import { connectFakeX, fakeXEnv } from '../test/support/x-connection.js';

const TARGETS = Number(processEnv().BENCH_TARGETS ?? 10_000);
// 10 targets per account by default: a shop's day of posts, not thousands queued behind one account.
const ACCOUNTS = Number(processEnv().BENCH_ACCOUNTS ?? 1000);
const PROCESSES = (processEnv().BENCH_PROCESSES ?? '1,2').split(',').map(Number);
const REPEAT = Number(processEnv().BENCH_REPEAT ?? 1);
const CONCURRENCY = processEnv().BENCH_CONCURRENCY;
const KEY = 'bench:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=';

interface Run {
  processes: number;
  targets: number;
  seconds: number;
  perSecond: number;
  tweets: number;
  duplicates: number;
  /** Targets with more than one attempt recorded. */
  retried: number;
  p50Ms: number;
  p99Ms: number;
  load: string;
}

async function run(processes: number): Promise<Run> {
  const db = await createTestDatabase('shopcast_bench_publish');
  const x = new FakeXServer({ clientId: 'bench', clientSecret: 'bench-secret' });
  const xUrl = await x.start();
  const env = {
    DATABASE_URL: db.url,
    TOKEN_ENCRYPTION_KEYS: KEY,
    ...fakeXEnv(xUrl, 'bench', 'bench-secret'),
    ...(CONCURRENCY ? { PUBLISH_CONCURRENCY: CONCURRENCY } : {}),
  };
  const children: ChildProcess[] = [];
  const nats = await startNats();
  try {
    const connectionIds = await connectAccounts(env);
    await seedDueTargets(db.url, connectionIds);
    for (let i = 0; i < processes; i += 1) children.push(await startPlatform({ ...env, NATS_URL: nats.url }));
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const startedAt = performance.now();
    await enqueueAll(client, db.url);
    await waitUntilPublished(client);
    const seconds = (performance.now() - startedAt) / 1000;
    const stats = await latencyAndRetries(client);
    await client.end();
    const distinct = new Set(x.tweets.map((tweet) => tweet.text)).size;
    return {
      processes,
      targets: TARGETS,
      seconds,
      perSecond: TARGETS / seconds,
      tweets: x.tweets.length,
      duplicates: x.tweets.length - distinct,
      ...stats,
      load: loadavg()
        .map((value) => value.toFixed(2))
        .join(' '),
    };
  } finally {
    for (const child of children) await stopProcess(child);
    await nats.stop();
    await x.stop();
    await db.drop();
  }
}

/** Connects ACCOUNTS X accounts (one per workspace) through the OAuth flow with an in-process platform service. */
async function connectAccounts(env: Record<string, string>): Promise<string[]> {
  const bus = new InProcessBus();
  const runtime = { config: loadConfig({ LOG_LEVEL: 'silent', ...env }), bus };
  const service = await startService(PlatformModule.forRoot(runtime), runtime, 'platform');
  const rpc = new RpcClient(new InProcessClient(bus), 10_000, createLogger('bench', 'silent'));
  try {
    const ids: string[] = [];
    for (let i = 0; i < ACCOUNTS; i += 1) {
      const principal: Principal = { userId: randomUUID(), workspaceId: randomUUID(), role: 'owner' };
      const call = (): CallContext => ({ principal, correlationId: randomUUID() });
      ids.push((await connectFakeX(rpc, call)).id);
    }
    return ids;
  } finally {
    await service.close();
  }
}

/** TARGETS one-target posts, due now, spread over the accounts; inserted in bulk (setup, not timed). */
async function seedDueTargets(databaseUrl: string, connectionIds: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('SET search_path TO platform');
  await client.query(
    `WITH c AS (SELECT id, workspace_id, row_number() OVER (ORDER BY id) - 1 AS n FROM connections WHERE id = ANY($1)),
          s AS (SELECT g, gen_random_uuid() AS post_id, gen_random_uuid() AS target_id FROM generate_series(0, $2 - 1) g),
          p AS (INSERT INTO posts (id, workspace_id, created_by, created_at, updated_at)
                SELECT s.post_id, c.workspace_id, c.workspace_id, now(), now() FROM s JOIN c ON c.n = s.g % $3)
     INSERT INTO post_targets (id, post_id, workspace_id, connection_id, platform, text, status, due_at)
     SELECT s.target_id, s.post_id, c.workspace_id, c.id, 'x', 'Bench post ' || s.g, 'scheduled', now()
     FROM s JOIN c ON c.n = s.g % $3`,
    [connectionIds, TARGETS, connectionIds.length],
  );
  await client.end();
}

/** What scheduling does for each target: due now, one singleton job through pg-boss. The clock starts here. */
async function enqueueAll(client: pg.Client, databaseUrl: string): Promise<void> {
  await client.query('UPDATE platform.post_targets SET due_at = now()');
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: 'platform',
    supervise: false,
    schedule: false,
    migrate: false,
  });
  await boss.start();
  const { rows } = await client.query<{ id: string }>('SELECT id FROM platform.post_targets');
  for (let offset = 0; offset < rows.length; offset += 1000) {
    const chunk = rows.slice(offset, offset + 1000);
    await boss.insert(
      chunk.map((row) => ({
        name: PUBLISH_QUEUE,
        data: { targetId: row.id },
        singletonKey: row.id,
        retryLimit: 0,
      })),
    );
  }
  await boss.stop({ graceful: false, wait: true });
}

/** Due time to published (p50, p99) and targets attempted more than once. */
async function latencyAndRetries(
  client: pg.Client,
): Promise<{ p50Ms: number; p99Ms: number; retried: number }> {
  const { rows } = await client.query<{ p50: number; p99: number }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
     FROM (SELECT extract(epoch FROM published_at - due_at) * 1000 AS ms FROM platform.post_targets) t`,
  );
  const retried = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT target_id FROM platform.publish_attempts GROUP BY target_id HAVING count(*) > 1) t`,
  );
  return { p50Ms: Math.round(rows[0].p50), p99Ms: Math.round(rows[0].p99), retried: retried.rows[0].n };
}

async function waitUntilPublished(client: pg.Client): Promise<void> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const { rows } = await client.query<{ done: number; stuck: number }>(
      `SELECT count(*) FILTER (WHERE status = 'published')::int AS done,
              count(*) FILTER (WHERE status IN ('failed', 'unconfirmed'))::int AS stuck FROM platform.post_targets`,
    );
    if (rows[0].stuck > 0) throw new Error(`${rows[0].stuck} targets failed`);
    if (rows[0].done === TARGETS) return;
    if (Date.now() > deadline) throw new Error(`only ${rows[0].done} of ${TARGETS} published in time`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function startPlatform(env: Record<string, string>): Promise<ChildProcess> {
  const nodeArgs = (processEnv().BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const base = { ...processEnv() };
  delete base.NODE_OPTIONS;
  const child = spawn(
    process.execPath,
    [...nodeArgs, join(ROOT, 'dist/apps/platform/apps/platform/src/main.js')],
    {
      env: {
        ...base,
        ...env,
        SHOPCAST_MODE: 'distributed',
        LOG_LEVEL: 'info',
        SHOPCAST_DATA_DIR: join(tmpdir(), 'shopcast-bench'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const deadline = Date.now() + 60_000;
  while (!output.includes('platform ready')) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`platform did not start:\n${output.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return child;
}

/** A private NATS with JetStream, so the bench's platform processes answer no one else's requests. */
async function startNats(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'shopcast-bench-nats-'));
  const nats = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  nats.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 20_000;
  while (!output.includes('Server is ready')) {
    if (nats.exitCode !== null || Date.now() > deadline)
      throw new Error(`nats-server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    stop: async () => {
      await stopProcess(nats);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

console.log(
  `Publishing bench: ${TARGETS} targets due at once over ${ACCOUNTS} X accounts (fake X on loopback); load ${loadavg()[0].toFixed(2)}`,
);
const results: Run[] = [];
for (let round = 0; round < REPEAT; round += 1) {
  for (const processes of PROCESSES) {
    const result = await run(processes);
    results.push(result);
    console.log(
      `${processes} platform process(es): all ${result.targets} published in ${result.seconds.toFixed(1)} s (${result.perSecond.toFixed(0)}/s), p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, tweets ${result.tweets}, duplicates ${result.duplicates}, retried ${result.retried}, load ${result.load}`,
    );
  }
}
for (const processes of PROCESSES) {
  const runs = results.filter((result) => result.processes === processes);
  const median = (pick: (result: Run) => number) => {
    const values = runs.map(pick).sort((a, b) => a - b);
    const middle = Math.floor(values.length / 2);
    return values.length % 2 === 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  };
  console.log(
    `median of ${runs.length}, ${processes} process(es): ${median((r) => r.seconds).toFixed(1)} s, ${median((r) => r.perSecond).toFixed(0)}/s, p50 ${median((r) => r.p50Ms)} ms, p99 ${median((r) => r.p99Ms)} ms`,
  );
}
console.log(JSON.stringify(results));
