// `npm run bench [topic ...]`: runs each benchmark in its own process, one after the other, so they do
// not compete for the two cores. Topics: api, copy, links, media, posts-import, publishing, video-upload,
// videos, web (default: all).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const TOPICS = [
  'api',
  'copy',
  'links',
  'media',
  'posts-import',
  'publishing',
  'video-upload',
  'videos',
  'web',
];
const requested = process.argv.slice(2);
const unknown = requested.filter((topic) => !TOPICS.includes(topic));
if (unknown.length > 0) {
  process.stderr.write(`Unknown bench topic(s): ${unknown.join(', ')}. Known: ${TOPICS.join(', ')}\n`);
  process.exit(2);
}

const failed = [];
for (const topic of requested.length > 0 ? requested : TOPICS) {
  const file = join(import.meta.dirname, `${topic}.ts`);
  if (!existsSync(file)) continue;
  process.stdout.write(`\n=== bench: ${topic} ===\n`);
  const run = spawnSync(process.execPath, ['--import', '@swc-node/register/esm-register', file], {
    stdio: 'inherit',
  });
  if (run.status !== 0) failed.push(topic);
}
if (failed.length > 0) {
  process.stderr.write(`\nThese benchmarks could not run: ${failed.join(', ')}\n`);
  process.exit(1);
}
