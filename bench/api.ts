// `npm run bench`: authenticated GET /api/v1/products/:id under load, Shopcast standalone and distributed
// against a bare Fastify + pg handler. Prints numbers and a verdict; never fails on them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { processEnv } from '@app/config';
import { ROOT } from '../test/e2e/system.js';
import { startBareBaseline } from './baseline.js';
import { checkReadable, type LoadOptions, type Measurement, measure, type Target } from './load.js';
import { startShopcast } from './shopcast.js';

const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 25;
const APPS = ['gateway', 'auth', 'content', 'platform', 'analytics'];

interface Row extends Partial<Measurement> {
  name: string;
  ratioToBare?: number;
  error?: string;
}

function positiveInt(name: string, fallback: number): number {
  const value = Number(processEnv()[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

/** The distributed mode runs the built apps; build them when one is missing (`npm start` builds standalone itself). */
function buildIfNeeded(): void {
  const missing = APPS.filter((app) => !existsSync(join(ROOT, `dist/apps/${app}/apps/${app}/src/main.js`)));
  if (missing.length === 0) return;
  console.log(`Building (no build of ${missing.join(', ')}): npm run build`);
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function bench(name: string, start: () => Promise<Target>, options: LoadOptions): Promise<Row> {
  console.log(`\n${name}: starting`);
  let target: Target | undefined;
  try {
    target = await start();
    await checkReadable(target);
    console.log(`${name}: ${options.warmupSec} s warm-up, then ${options.durationSec} s measured`);
    return { name, ...(await measure(target, options)) };
  } catch (error) {
    console.error(`${name}: failed: ${message(error)}`);
    return { name, error: message(error) };
  } finally {
    await target?.stop().catch((error: unknown) => console.error(`${name}: stop failed: ${message(error)}`));
  }
}

const fixed = (value: number | undefined, digits: number) =>
  value === undefined ? '-' : value.toFixed(digits);

function printTable(rows: Row[]): void {
  const header = ['', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'x bare'];
  const lines = rows.map((row) =>
    row.error
      ? [row.name, 'failed']
      : [
          row.name,
          fixed(row.reqPerSec, 0),
          fixed(row.p50Ms, 1),
          fixed(row.p99Ms, 1),
          String(row.errors),
          String(row.non2xx),
          fixed(row.ratioToBare, 2),
        ],
  );
  const format = (line: string[]) => line.map((cell, i) => (i === 0 ? cell.padEnd(12) : cell.padStart(9)));
  console.log(`\n${[header, ...lines].map((line) => format(line).join('')).join('\n')}`);
}

function verdict(distributed: Row | undefined): string {
  if (
    distributed?.reqPerSec === undefined ||
    distributed.ratioToBare === undefined ||
    distributed.p99Ms === undefined
  ) {
    return 'verdict: no verdict (distributed or bare did not run)';
  }
  const ratioOk = distributed.ratioToBare >= TARGET_RATIO;
  const p99Ok = distributed.p99Ms < TARGET_P99_MS;
  const clean =
    distributed.errors === 0 && distributed.non2xx === 0 ? '' : ' (with errors or non-2xx responses)';
  return (
    `verdict: distributed ${distributed.ratioToBare.toFixed(2)}x bare req/s (target >= ${TARGET_RATIO}x: ` +
    `${ratioOk ? 'met' : 'missed'}), p99 ${distributed.p99Ms.toFixed(1)} ms (target < ${TARGET_P99_MS} ms: ` +
    `${p99Ok ? 'met' : 'missed'})${clean} -> ${ratioOk && p99Ok ? 'MEETS' : 'MISSES'} the targets`
  );
}

async function main(): Promise<void> {
  const options: LoadOptions = {
    connections: positiveInt('BENCH_CONNECTIONS', 50),
    durationSec: positiveInt('BENCH_DURATION_SEC', 10),
    warmupSec: positiveInt('BENCH_WARMUP_SEC', 3),
  };
  // BENCH_MODES picks some of them, e.g. `bare` alone.
  const modes = (processEnv().BENCH_MODES ?? 'bare,standalone,distributed').split(',');
  if (modes.includes('distributed')) buildIfNeeded();
  const cores = availableParallelism();
  const loadAverageAtStart = loadavg()[0];
  console.log(
    `GET /api/v1/products/:id, ${options.connections} connections, ${options.durationSec} s per run; ` +
      `${cores} cores shared by the load generator and the servers (load average now ${loadAverageAtStart.toFixed(1)})`,
  );
  // One at a time, so the systems never compete for the CPU.
  const rows: Row[] = [];
  if (modes.includes('bare')) rows.push(await bench('bare', startBareBaseline, options));
  if (modes.includes('standalone'))
    rows.push(await bench('standalone', () => startShopcast('standalone'), options));
  if (modes.includes('distributed'))
    rows.push(await bench('distributed', () => startShopcast('distributed'), options));
  const bare = rows.find((row) => row.name === 'bare')?.reqPerSec;
  for (const row of rows) {
    if (bare && row.reqPerSec !== undefined)
      row.ratioToBare = Math.round((row.reqPerSec / bare) * 1000) / 1000;
  }
  printTable(rows);
  for (const row of rows) {
    const unexpected = Object.keys(row.statusCodes ?? {}).filter((code) => code !== '200');
    if (unexpected.length > 0) console.log(`${row.name}: status codes ${JSON.stringify(row.statusCodes)}`);
  }
  const summary = verdict(rows.find((row) => row.name === 'distributed'));
  console.log(`\n${summary}`);

  const file = join(ROOT, 'bench/results/latest.json');
  await mkdir(join(ROOT, 'bench/results'), { recursive: true });
  const machine = { cores, cpu: cpus()[0]?.model, node: process.version, loadAverageAtStart };
  const targets = { distributedToBareRatio: TARGET_RATIO, distributedP99Ms: TARGET_P99_MS };
  const report = {
    finishedAt: new Date().toISOString(),
    machine,
    options,
    targets,
    results: rows,
    verdict: summary,
  };
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`results: ${file}`);
  if (rows.some((row) => row.error)) process.exitCode = 1;
}

await main();
