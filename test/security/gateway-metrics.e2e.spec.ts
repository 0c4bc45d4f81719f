import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { processEnv } from '@app/config';
import { pollUntil } from '../support/polling.js';
import { freePort, ROOT, stopProcess, SYSTEM_STOP_TIMEOUT } from '../e2e/system.js';

// The distributed gateway as its image runs it, with OPS_PORT set as in docker-compose.yml and k8s/: its
// Prometheus metrics (route names, traffic, errors) are for the scraper on the ops port, not for the internet.
let gateway: ChildProcess;
let publicUrl: string;
let opsUrl: string;

beforeAll(async () => {
  const [port, opsPort] = [await freePort(), await freePort()];
  publicUrl = `http://127.0.0.1:${port}`;
  opsUrl = `http://127.0.0.1:${opsPort}`;
  const env: NodeJS.ProcessEnv = {
    ...processEnv(),
    SHOPCAST_MODE: 'distributed',
    NATS_URL: 'nats://127.0.0.1:4222',
    PORT: String(port),
    OPS_PORT: String(opsPort),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
  };
  delete env.NODE_OPTIONS;
  gateway = spawn(process.execPath, [join(ROOT, 'dist/apps/gateway/apps/gateway/src/main.js')], {
    cwd: ROOT,
    env,
    stdio: 'ignore',
  });
  await pollUntil(
    () =>
      fetch(`${publicUrl}/health/live`).then(
        (response) => response.status,
        () => 0,
      ),
    (status) => status === 200,
    'the gateway listens',
    60_000,
  );
}, 90_000);

afterAll(async () => {
  if (gateway) await stopProcess(gateway);
}, SYSTEM_STOP_TIMEOUT);

describe("the gateway's metrics", () => {
  it('are not served on the public port, to anyone', async () => {
    const anonymous = await fetch(`${publicUrl}/metrics`);
    expect(anonymous.status).toBe(404);
    expect(await anonymous.text()).not.toContain('shopcast_http_request_duration_seconds');
    const browser = await fetch(`${publicUrl}/metrics`, { headers: { accept: 'text/html' } });
    expect(browser.status).toBe(404);
  });

  it('are served on the ops port, with the public traffic counted', async () => {
    await fetch(`${publicUrl}/health/live`);
    const metrics = await fetch(`${opsUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await metrics.text()).toMatch(
      /shopcast_http_request_duration_seconds_count\{[^}]*route="\/health\/live"/,
    );
    expect((await fetch(`${opsUrl}/health/live`)).status).toBe(200);
  });
});
