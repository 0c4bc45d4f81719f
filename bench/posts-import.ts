// Bulk scheduling: a CSV of N rows imported over HTTP into a standalone Shopcast, as a user would, timed from
// the upload to the finished report: a dry run, then real imports with explicit times and with next-slot
// times. Prints numbers; never fails on them. Needs `npm run build` first.
// Run: node --import @swc-node/register/esm-register bench/posts-import.ts
//   POSTS_IMPORT_ROWS (10000), POSTS_IMPORT_PRODUCTS (200)
import { loadavg } from 'node:os';
import { processEnv } from '@app/config';
import { ApiClient } from '../test/e2e/api-client.js';
import { startShopcast } from './shopcast.js';

const env = processEnv();
const ROWS = Number(env.POSTS_IMPORT_ROWS ?? 10_000);
const PRODUCTS = Number(env.POSTS_IMPORT_PRODUCTS ?? 200);

interface Report {
  id: string;
  status: string;
  processedRows: number;
  valid: number;
  created: number;
  rejected: number;
  rejectedRows: Array<{ line: number; reason: string }>;
}

interface Run {
  run: string;
  rows: number;
  created: number;
  rejected: number;
  seconds: number;
  rowsPerSec: number;
  load: string;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Rows over the products and two accounts (every third row on both), one time per row or next-slot. */
function csv(times: 'explicit' | 'next-slot', label: string): string {
  const lines = ['product,connections,text,scheduledAt,variant'];
  for (let n = 0; n < ROWS; n += 1) {
    const connections = n % 3 === 0 ? 'Shop notes|Hooks' : n % 3 === 1 ? 'Shop notes' : 'Hooks';
    const minute = n % 1440;
    const at =
      times === 'next-slot'
        ? 'next-slot'
        : `${day(2 + Math.floor(n / 1440))}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+02:00`;
    const text = `"${label} post ${n}: our mug, glazed by hand, ""dishwasher safe"", 350 ml. #mug #handmade"`;
    lines.push(`BENCH-${n % PRODUCTS},${connections},${text},${at},${n % 2 === 0 ? 'A' : 'B'}`);
  }
  return `${lines.join('\n')}\n`;
}

async function importFile(
  api: ApiClient,
  token: string,
  body: string,
  run: string,
  query = '',
): Promise<Run> {
  const form = new FormData();
  form.append('file', new Blob([body], { type: 'text/csv' }), 'posts.csv');
  const startedAt = performance.now();
  const response = await fetch(`${api.baseUrl}/api/v1/posts/import${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  let report = (await response.json()) as Report;
  if (response.status >= 400)
    throw new Error(`import answered ${response.status}: ${JSON.stringify(report)}`);
  while (report.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 250));
    report = (await api.get<Report>(`/api/v1/posts/imports/${report.id}`, token)).body;
  }
  const seconds = (performance.now() - startedAt) / 1000;
  if (report.rejected > 0)
    process.stdout.write(`  first rejection: ${JSON.stringify(report.rejectedRows[0])}\n`);
  return {
    run,
    rows: report.processedRows,
    created: report.created,
    rejected: report.rejected,
    seconds: Number(seconds.toFixed(2)),
    rowsPerSec: Math.round(report.processedRows / seconds),
    load: loadavg()
      .map((value) => value.toFixed(2))
      .join(' '),
  };
}

async function main(): Promise<void> {
  const shopcast = await startShopcast('standalone');
  try {
    const api = new ApiClient(shopcast.baseUrl);
    const { token } = shopcast;
    const connections = [
      { platform: 'manual', name: 'Shop notes' },
      // Scheduled webhook targets get publish jobs: their queueing is part of the work measured.
      { platform: 'webhook', name: 'Hooks', config: { url: 'https://hooks.example.com/shopcast' } },
    ];
    for (const connection of connections) {
      const created = await api.post('/api/v1/connections', connection, token);
      if (created.status !== 201) throw new Error(`connection answered ${created.status}`);
    }
    const catalog = Array.from({ length: PRODUCTS }, (_, n) => ({
      sku: `BENCH-${n}`,
      title: `Bench mug ${n}`,
    }));
    const imported = await api.post('/api/v1/products/import', { products: catalog }, token);
    if (imported.status >= 400) throw new Error(`product import answered ${imported.status}`);

    const runs: Run[] = [];
    runs.push(
      await importFile(api, token, csv('explicit', 'Dry'), 'dry run, explicit times', '?dryRun=true'),
    );
    runs.push(await importFile(api, token, csv('explicit', 'Timed'), 'import, explicit times'));
    runs.push(await importFile(api, token, csv('next-slot', 'Queued'), 'import, next-slot'));
    console.table(runs);
  } finally {
    await shopcast.stop();
  }
}

await main();
