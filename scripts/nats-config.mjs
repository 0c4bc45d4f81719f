// Writes the NATS server's authorization block (one user per app, with its subject permissions) from the
// contract's SERVICE_CALLS. Needs the built gateway (`npm run build`). A spec fails while the file is stale.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const { natsAuthorizationConfig } = await import(join(root, 'dist/apps/gateway/libs/messaging/src/index.js'));
const target = join(root, 'k8s/nats-authorization.conf');
await writeFile(target, natsAuthorizationConfig());
process.stdout.write(`wrote ${target}\n`);
