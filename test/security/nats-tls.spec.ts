import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect } from '@nats-io/transport-node';
import { BUS_APPS } from '@app/contracts';
import { natsAuthorizationConfig, natsConnectOptions, natsPasswordVariable } from '@app/messaging';
import { freePort, stopProcess } from '../e2e/system.js';
import { pollUntil } from '../support/polling.js';

// NATS over TLS, as k8s/nats.conf describes: the apps' connection options (NATS_TLS_CA_FILE) verify the server.
let dir: string;
let url: string;
let server: ReturnType<typeof spawn>;
const PASSWORD = 'tls-test-gateway-password';

const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shopcast-nats-tls-'));
  openssl(
    ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'],
    ...['-subj', '/CN=Test CA', '-keyout', 'ca.key', '-out', 'ca.pem'],
  );
  openssl(
    ...['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
    ...['-subj', '/CN=nats', '-keyout', 'server.key', '-out', 'server.csr'],
  );
  await writeFile(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(
    ...['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial'],
    ...['-days', '1', '-extfile', 'san.ext', '-out', 'server.pem'],
  );
  await writeFile(
    join(dir, 'nats.conf'),
    `tls {\n  cert_file: "${join(dir, 'server.pem')}"\n  key_file: "${join(dir, 'server.key')}"\n}\n${natsAuthorizationConfig()}`,
  );
  const port = await freePort();
  url = `nats://127.0.0.1:${port}`;
  server = spawn('nats-server', ['-c', join(dir, 'nats.conf'), '-a', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Every app's password variable must be set for the server to read its users; only the gateway's is used.
    env: {
      ...process.env,
      ...Object.fromEntries(BUS_APPS.map((app) => [natsPasswordVariable(app), PASSWORD])),
    },
  });
  let output = '';
  for (const stream of [server.stdout, server.stderr])
    stream?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await pollUntil(
    async () => output,
    (text) => text.includes('Server is ready'),
    'nats-server with TLS',
  );
}, 60_000);

afterAll(async () => {
  if (server) await stopProcess(server);
  if (dir) await rm(dir, { recursive: true, force: true });
});

const access = (tlsCaFile: string | undefined) => ({
  user: 'gateway',
  password: PASSWORD,
  tlsCaFile,
  tlsCertFile: undefined,
  tlsKeyFile: undefined,
});

describe('NATS over TLS', () => {
  it('connects with the CA the app is given, and talks to the server over it', async () => {
    const connection = await connect(natsConnectOptions(url, access(join(dir, 'ca.pem'))));
    await expect(connection.flush()).resolves.toBeUndefined();
    expect(connection.info?.tls_required).toBe(true);
    await connection.close();
  });

  it('refuses a server it cannot verify: without the CA, the self-signed chain is rejected', async () => {
    await expect(connect(natsConnectOptions(url, access(undefined)))).rejects.toThrow(/certificate/);
  });
});
