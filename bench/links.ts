// Tracked links bench: redirect req/s and p99 against a bare Fastify 302 in the same run, click ingestion
// rate through the production batch insert (rollups included), and dashboard query latency over synthetic
// clicks loaded with COPY. Sizes: BENCH_SECONDS (10), BENCH_CONNECTIONS (20), BENCH_INGEST_CLICKS (100000),
// BENCH_DASHBOARD_CLICKS (1000000), BENCH_PARTS (redirect,ingestion,dashboard). Timing is reported, never asserted; the machine may be busy.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import type { DataSource } from 'typeorm';
import { processEnv } from '@app/config';
import type { ClickRecord } from '@app/contracts';
import { openServiceDataSource, TransactionHost } from '@app/database';
import { systemContext } from '@app/messaging';
import { analyticsDatabase } from '../apps/analytics/src/analytics.module.js';
import { ClicksRepository } from '../apps/analytics/src/clicks/clicks.repository.js';
import { DashboardRepository } from '../apps/analytics/src/dashboard/dashboard.repository.js';
import { DashboardService } from '../apps/analytics/src/dashboard/dashboard.service.js';
import { clickRollupValues } from '../apps/analytics/src/rollups/rollup-dimensions.js';
import { ApiClient, STRONG_PASSWORD, uniqueEmail } from '../test/e2e/api-client.js';
import { freePort, ROOT, startStandalone, stopProcess, tempDataDir } from '../test/e2e/system.js';
import { createTestDatabase } from '../test/support/test-database.js';
import { testConfig } from '../test/support/test-config.js';

const env = processEnv();
const SECONDS = Number(env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 20);
const INGEST_CLICKS = Number(env.BENCH_INGEST_CLICKS ?? 100_000);
const DASHBOARD_CLICKS = Number(env.BENCH_DASHBOARD_CLICKS ?? 1_000_000);
const HOUR = 3_600_000;

async function hammer(url: string) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
  const wrong = Object.entries(result.statusCodeStats).filter(([status]) => status !== '302');
  if (wrong.length > 0 || result.errors > 0) throw new Error(`unexpected answers: ${JSON.stringify(wrong)}`);
  return { reqPerSec: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99 };
}

async function startBareServer(
  code: string,
  destination: string,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', join(ROOT, 'bench/bare-redirect-server.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(await freePort()),
        BENCH_CODE: code,
        BENCH_DESTINATION: destination,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  for await (const line of createInterface({ input: child.stdout! })) {
    const port = /^listening (\d+)/.exec(line)?.[1];
    if (port) return { url: `http://127.0.0.1:${port}/l/${code}`, child };
  }
  throw new Error('bare server did not start');
}

async function redirectBench() {
  const dataDir = await tempDataDir();
  const system = await startStandalone(dataDir, { LOG_LEVEL: 'error' });
  try {
    const api = new ApiClient(system.baseUrl);
    const registered = await api.post<{ accessToken: string }>('/api/v1/auth/register', {
      email: uniqueEmail('bench'),
      password: STRONG_PASSWORD,
      name: 'Bench',
    });
    const link = await api.post<{ code: string; trackedUrl: string }>(
      '/api/v1/links',
      { url: 'https://shop.example/p?color=red', platform: 'instagram' },
      registered.body.accessToken,
    );
    const bare = await startBareServer(link.body.code, link.body.trackedUrl);
    try {
      await hammer(bare.url); // warm-up of both, then measured runs back to back
      await hammer(`${system.baseUrl}/l/${link.body.code}`);
      const baseline = await hammer(bare.url);
      const shopcast = await hammer(`${system.baseUrl}/l/${link.body.code}`);
      return { shopcast, bare: baseline, ratio: +(shopcast.reqPerSec / baseline.reqPerSec).toFixed(2) };
    } finally {
      await stopProcess(bare.child);
    }
  } finally {
    await system.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function syntheticClick(workspaceId: string, links: string[], i: number, now: number): ClickRecord {
  return {
    id: randomUUID(),
    linkId: links[i % links.length],
    workspaceId,
    clickedAt: new Date(now - (i % (30 * 24)) * HOUR).toISOString(),
    productId: null,
    postId: null,
    targetId: null,
    variant: i % 2 ? 'A' : 'B',
    platform: ['instagram', 'pinterest', 'x'][i % 3],
    country: ['FR', 'US', 'IN', 'DE'][i % 4],
    device: i % 5 === 0 ? 'desktop' : 'mobile',
    browser: 'Chrome',
    os: 'Android',
    referrerDomain: ['instagram.com', 't.co', null][i % 3],
    isBot: i % 20 === 0,
    visitorHash: `v${i % 5000}`,
  };
}

async function ingestBench(dataSource: DataSource) {
  const clicks = new ClicksRepository(new TransactionHost(dataSource));
  const workspaceId = randomUUID();
  const links = Array.from({ length: 50 }, () => randomUUID());
  const batch = Number(env.BENCH_INGEST_BATCH ?? 500);
  const now = Date.now();
  const startedAt = performance.now();
  for (let done = 0; done < INGEST_CLICKS; done += batch) {
    // Live traffic: what a click queue hands over was clicked in the last moments.
    const records = Array.from({ length: Math.min(batch, INGEST_CLICKS - done) }, (_, i) => ({
      ...syntheticClick(workspaceId, links, done + i, now),
      clickedAt: new Date(now - (i % 60) * 1000).toISOString(),
    }));
    await clicks.ingest(records);
  }
  const seconds = (performance.now() - startedAt) / 1000;
  return {
    clicks: INGEST_CLICKS,
    batch,
    seconds: +seconds.toFixed(1),
    clicksPerSec: Math.round(INGEST_CLICKS / seconds),
  };
}

/** The campaign and post of each synthetic link: 10 campaigns of 20 links, 100 posts of 2 links. */
interface SyntheticLinks {
  ids: string[];
  campaigns: string[];
  posts: string[];
}

function syntheticLinks(count: number): SyntheticLinks {
  return {
    ids: Array.from({ length: count }, () => randomUUID()),
    campaigns: Array.from({ length: 10 }, () => randomUUID()),
    posts: Array.from({ length: count / 2 }, () => randomUUID()),
  };
}

const campaignOf = (links: SyntheticLinks, i: number) => links.campaigns[i % links.campaigns.length];
const postOf = (links: SyntheticLinks, i: number) => links.posts[i % links.posts.length];

async function insertLinks(
  dataSource: DataSource,
  workspaceId: string,
  links: SyntheticLinks,
): Promise<void> {
  await dataSource.query(
    `INSERT INTO links (id, workspace_id, code, url, post_id, campaign_id, platform, utm)
     SELECT id, $1, 'b' || ord, 'https://shop.example/', post_id, campaign_id, 'instagram', '{}'
     FROM unnest($2::uuid[], $3::uuid[], $4::uuid[]) WITH ORDINALITY AS l(id, post_id, campaign_id, ord)`,
    [
      workspaceId,
      links.ids,
      links.ids.map((_, i) => postOf(links, i)),
      links.ids.map((_, i) => campaignOf(links, i)),
    ],
  );
}

/** Writes clicks as CSV in chunks to a file the local server can read, and COPYs each chunk in. */
async function copyClicks(
  dataSource: DataSource,
  workspaceId: string,
  links: SyntheticLinks,
): Promise<number> {
  const chunk = 500_000;
  const file = join(tmpdir(), `shopcast-bench-clicks-${randomUUID()}.csv`);
  const startedAt = performance.now();
  const now = Date.now();
  for (let done = 0; done < DASHBOARD_CLICKS; done += chunk) {
    const out = createWriteStream(file);
    for (let i = done; i < Math.min(done + chunk, DASHBOARD_CLICKS); i++) {
      const c = syntheticClick(workspaceId, links.ids, i, now);
      const attribution = `${postOf(links, i % links.ids.length)},${campaignOf(links, i % links.ids.length)}`;
      const line = `${c.id},${c.workspaceId},${c.linkId},${c.clickedAt},${attribution},${c.variant},${c.platform},${c.country},${c.device},${c.browser},${c.os},${c.referrerDomain ?? ''},${c.isBot},${c.visitorHash}\n`;
      if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve) => out.end(() => resolve()));
    await chmod(file, 0o644);
    await dataSource.query(
      `COPY clicks (id, workspace_id, link_id, clicked_at, post_id, campaign_id, variant, platform, country, device,
                    browser, os, referrer_domain, is_bot, visitor_hash) FROM '${file}' WITH (FORMAT csv)`,
    );
  }
  await rm(file, { force: true });
  return (performance.now() - startedAt) / 1000;
}

/** Bench-only backfill: the grouping the ingest statement applies incrementally, done in one pass. */
async function backfillRollups(dataSource: DataSource, workspaceId: string): Promise<void> {
  await dataSource.query(
    `CREATE UNLOGGED TABLE bench_facts AS
     SELECT c.*, (NOT is_bot AND row_number() OVER (
       PARTITION BY link_id, (clicked_at AT TIME ZONE 'UTC')::date, visitor_hash, is_bot ORDER BY clicked_at, id) = 1
     ) AS is_first FROM clicks c WHERE workspace_id = $1`,
    [workspaceId],
  );
  for (const [table, unit] of [
    ['click_rollups_hourly', 'hour'],
    ['click_rollups_daily', 'day'],
  ] as const) {
    for (const { dimension, value, countsUniques } of clickRollupValues('f')) {
      const uniques = countsUniques ? 'count(*) FILTER (WHERE is_first)' : '0';
      await dataSource.query(
        `INSERT INTO ${table} (workspace_id, dimension, value, bucket, clicks, unique_clicks, bot_clicks)
         SELECT workspace_id, $1, ${value}, date_trunc('${unit}', clicked_at, 'UTC'),
                count(*) FILTER (WHERE NOT is_bot), ${uniques}, count(*) FILTER (WHERE is_bot)
         FROM bench_facts f GROUP BY 1, 3, 4`,
        [dimension],
      );
    }
  }
  await dataSource.query('DROP TABLE bench_facts');
}

async function timeIt(runs: number, query: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const startedAt = performance.now();
    await query();
    times.push(performance.now() - startedAt);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => +times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  return { p50: at(0.5), p95: at(0.95) };
}

async function dashboardBench(dataSource: DataSource) {
  const workspaceId = randomUUID();
  const links = syntheticLinks(200);
  await insertLinks(dataSource, workspaceId, links);
  const copySeconds = await copyClicks(dataSource, workspaceId, links);
  const rollupStartedAt = performance.now();
  await backfillRollups(dataSource, workspaceId);
  const rollupSeconds = (performance.now() - rollupStartedAt) / 1000;
  await dataSource.query('ANALYZE');
  const dashboard = new DashboardService(new DashboardRepository(new TransactionHost(dataSource)));
  const context = systemContext(workspaceId);
  const [campaignId, postId] = [links.campaigns[0], links.posts[0]];
  const midday = new Date(Math.floor(Date.now() / HOUR) * HOUR - 7 * 24 * HOUR).toISOString();
  return {
    clicks: DASHBOARD_CLICKS,
    copySeconds: +copySeconds.toFixed(1),
    rollupBackfillSeconds: +rollupSeconds.toFixed(1),
    summary30dDaily: await timeIt(30, () => dashboard.summary(context, {})),
    summaryHourlyWindow: await timeIt(30, () => dashboard.summary(context, { from: midday })),
    timeseriesHourIn30d: await timeIt(30, () =>
      dashboard.timeseries(context, { interval: 'hour', tz: 'Europe/Paris' }),
    ),
    breakdownByLink: await timeIt(30, () => dashboard.breakdown(context, { by: 'link' })),
    breakdownByCountry: await timeIt(30, () => dashboard.breakdown(context, { by: 'country' })),
    // Narrowed to one campaign (20 of the 200 links) or one post (2 links): per-link rollups joined to links.
    summary30dOfCampaign: await timeIt(30, () => dashboard.summary(context, { campaignId })),
    summaryHourlyWindowOfPost: await timeIt(30, () => dashboard.summary(context, { from: midday, postId })),
    timeseriesHourIn30dOfCampaign: await timeIt(30, () =>
      dashboard.timeseries(context, { interval: 'hour', tz: 'Europe/Paris', campaignId }),
    ),
    breakdownByCampaign: await timeIt(30, () => dashboard.breakdown(context, { by: 'campaign' })),
    breakdownByCountryOfCampaign: await timeIt(30, () =>
      dashboard.breakdown(context, { by: 'country', campaignId }),
    ),
  };
}

const database = await createTestDatabase('shopcast_bench');
const dataSource = await openServiceDataSource(analyticsDatabase(testConfig({ DATABASE_URL: database.url })));
try {
  const parts = (env.BENCH_PARTS ?? 'redirect,ingestion,dashboard').split(',');
  const results = {
    note: 'machine has 2 cores shared with other work; numbers are indicative',
    redirect: parts.includes('redirect') ? await redirectBench() : 'skipped',
    ingestion: parts.includes('ingestion') ? await ingestBench(dataSource) : 'skipped',
    dashboard: parts.includes('dashboard') ? await dashboardBench(dataSource) : 'skipped',
  };
  console.log(JSON.stringify(results, null, 2));
} finally {
  await dataSource.destroy();
  await database.drop();
}
