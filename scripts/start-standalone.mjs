// `npm start`: builds the standalone entry point and the web app when their sources are newer than the build,
// then runs it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const entry = join(root, 'dist/apps/standalone/apps/standalone/src/main.js');
const webEntry = join(root, 'dist/web/index.html');
const webSources = join(root, 'apps/web');

function newestTime(dir, isSource) {
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) newest = Math.max(newest, newestTime(path, isSource));
    else if (isSource(item.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isStale(output, sourcesChangedAt) {
  return !existsSync(output) || statSync(output).mtimeMs < sourcesChangedAt;
}

function run(label, args, env = process.env) {
  process.stdout.write(`${label}...\n`);
  const build = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const isTypeScript = (name) => name.endsWith('.ts');
const servicesChangedAt = Math.max(
  newestTime(join(root, 'apps'), isTypeScript),
  newestTime(join(root, 'libs'), isTypeScript),
);
if (isStale(entry, servicesChangedAt)) {
  run('Building Shopcast', [join(root, 'node_modules/@nestjs/cli/bin/nest.js'), 'build', 'standalone']);
}
// The web app also reuses libs/platform-rules for its previews.
const webChangedAt = Math.max(
  newestTime(webSources, () => true),
  newestTime(join(root, 'libs/platform-rules'), isTypeScript),
);
if (isStale(webEntry, webChangedAt)) {
  // React ships its small, fast production code only when NODE_ENV says so: the environment Shopcast starts
  // in (a test runner's, say) must not turn the web app into a development build.
  run(
    'Building the web app',
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', webSources, '--logLevel', 'warn'],
    { ...process.env, NODE_ENV: 'production' },
  );
  run('Compressing the web app', [join(root, 'scripts/compress-web.mjs')]);
}

await import(entry);
