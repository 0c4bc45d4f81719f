// `npm start`: builds the standalone entry point when the sources are newer than the build, then runs it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const entry = join(root, 'dist/apps/standalone/apps/standalone/src/main.js');

function newestSourceTime(dir) {
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) newest = Math.max(newest, newestSourceTime(path));
    else if (item.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sourcesChangedAt = Math.max(newestSourceTime(join(root, 'apps')), newestSourceTime(join(root, 'libs')));
if (!existsSync(entry) || statSync(entry).mtimeMs < sourcesChangedAt) {
  process.stdout.write('Building Shopcast...\n');
  const nest = join(root, 'node_modules/@nestjs/cli/bin/nest.js');
  const build = spawnSync(process.execPath, [nest, 'build', 'standalone'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

await import(entry);
