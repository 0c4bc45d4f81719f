// The package registry reachable here serves only the platforms it mirrors, so `npm install` leaves
// other platforms' optional binaries (e.g. @swc/core-darwin-arm64) out of package-lock.json, and then
// `npm ci` refuses the lock as out of sync. This adds those entries back as optional packages, as a
// lock written against the full registry has them; npm skips them on platforms they are not for.
// Run after `npm install` whenever dependencies change: node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const lockPath = join(import.meta.dirname, '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;
let added = 0;

for (const [path, entry] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const version = /^\d+\.\d+\.\d+(-[\w.]+)?$/.test(range) ? range : undefined;
    if (!version) continue;
    packages[`node_modules/${name}`] = { version, optional: true, ...(entry.dev ? { dev: true } : {}) };
    added += 1;
  }
}

lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`package-lock.json: added ${added} optional platform entries\n`);
