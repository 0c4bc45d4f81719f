// Copy benchmarks: the platform-rules functions in-process, then template generation and preview over
// HTTP against a standalone Shopcast. Prints numbers; never fails on them. Run with
// `node --import @swc-node/register/esm-register bench/copy.ts` (COPY_BENCH_SEC, COPY_BENCH_CONNECTIONS;
// COPY_BENCH_HTTP=0 skips the HTTP part).
import { loadavg } from 'node:os';
import { processEnv } from '@app/config';
import { checkPost, composePost, PLATFORMS, rulesFor, uniqueHashtags } from '@app/platform-rules';
import { startShopcast } from './shopcast.js';

const env = processEnv();
const DURATION_MS = Number(env.COPY_BENCH_SEC ?? 10) * 1000;
const CONNECTIONS = Number(env.COPY_BENCH_CONNECTIONS ?? 8);

const BODY =
  'Hand-thrown stoneware mug 日本製 ☕ glazed in small batches, dishwasher safe, 350 ml. ' +
  'Supercalifragilisticexpialidocious glaze 👨‍👩‍👧‍👦 مصنوع يدويا. '.repeat(6);
const HASHTAGS = uniqueHashtags([
  'mug',
  'stoneware',
  'handmade gift',
  'coffee lover',
  'kitchen',
  'Holiday Gifts',
  'Under50',
]);

interface Latency {
  operations: number;
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
}

/** Runs `operation` from `connections` closed loops for `durationMs` and summarises the latencies. */
async function closedLoop(
  operation: () => Promise<boolean>,
  connections: number,
  durationMs: number,
): Promise<Latency> {
  const latencies: number[] = [];
  let failures = 0;
  const endAt = performance.now() + durationMs;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < endAt) {
        const start = performance.now();
        const isOk = await operation().catch(() => false);
        latencies.push(performance.now() - start);
        if (!isOk) failures += 1;
      }
    }),
  );
  const seconds = (performance.now() - startedAt) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Number((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(2));
  return {
    operations: latencies.length,
    perSec: Math.round(latencies.length / seconds),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    failures,
  };
}

function benchRules(): void {
  const iterations = 500;
  const started = performance.now();
  for (let i = 0; i < iterations; i += 1) {
    for (const platform of PLATFORMS) {
      const rules = rulesFor(platform);
      const post = composePost(
        { body: BODY, link: 'https://shop.example.com/mug?ref=aff42', disclosure: '#ad', hashtags: HASHTAGS },
        rules,
      );
      checkPost({ text: post.text }, rules, { disclosure: '#ad' });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const posts = iterations * PLATFORMS.length;
  console.log(
    `platform-rules: composePost + checkPost, ${posts} posts in ${seconds.toFixed(2)} s = ${Math.round(posts / seconds)} posts/s (${((seconds * 1e6) / posts).toFixed(0)} µs each)`,
  );
}

async function benchHttp(): Promise<void> {
  const target = await startShopcast('standalone');
  try {
    const headers = { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' };
    const post = (path: string, body: object, expected: number) => async () => {
      const response = await fetch(`${target.baseUrl}${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
      await response.arrayBuffer();
      return response.status === expected;
    };
    const generate = post(
      `/api/v1/products/${target.productId}/copy`,
      { platforms: [...PLATFORMS], variants: 5, mode: 'template' },
      201,
    );
    const preview = post(
      '/api/v1/copy/preview',
      { platform: 'x', text: BODY.slice(0, 200), link: 'https://shop.example.com/mug' },
      200,
    );
    if (!(await generate()) || !(await preview()))
      throw new Error('copy routes did not answer as expected; is the copy service built?');

    const single = await closedLoop(generate, 1, DURATION_MS);
    console.log(
      `template generation, 12 platforms x 5 variants (60 posts) per request, 1 connection:`,
      single,
      `=> ${single.perSec * 60} posts/s`,
    );
    const loaded = await closedLoop(generate, CONNECTIONS, DURATION_MS);
    console.log(
      `template generation, ${CONNECTIONS} connections:`,
      loaded,
      `=> ${loaded.perSec * 60} posts/s`,
    );
    const previews = await closedLoop(preview, CONNECTIONS, DURATION_MS);
    console.log(`preview (x, 200 chars + link), ${CONNECTIONS} connections:`, previews);
  } finally {
    await target.stop();
  }
}

console.log(
  `load average before: ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')} (the machine is shared; numbers vary)`,
);
benchRules();
if (env.COPY_BENCH_HTTP !== '0') await benchHttp();
