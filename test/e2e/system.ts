import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processEnv } from '@app/config';
import { BUS_APPS, type BusApp } from '@app/contracts';
import { natsAuthorizationConfig, natsPasswordVariable } from '@app/messaging';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

export const ROOT = join(import.meta.dirname, '..', '..');
const SERVICES = ['auth', 'content', 'platform', 'analytics'] as const;
const START_TIMEOUT_MS = 120_000;

export interface RunningSystem {
  baseUrl: string;
  /** The gateway's ops endpoint (`OPS_PORT`: health and `/metrics`), which the public port does not serve. */
  opsUrl: string;
  /** Where the system writes its mails (.eml files): no SMTP server is configured unless a test sets SMTP_URL. */
  outboxDir: string;
  /** What the system's processes have written to stdout and stderr so far (the last 200,000 characters of each). */
  logs(): string;
  stop(): Promise<void>;
  /** Kills every process at once, as a crash or power loss would. */
  kill(): Promise<void>;
}

/** Standalone Shopcast started with `npm start`. */
export interface StandaloneSystem extends RunningSystem {
  /**
   * Sends SIGTERM to the Shopcast process alone, as `docker stop` or a process manager does (Ctrl-C signals the
   * whole group instead), and waits for every process to exit; returns npm's exit code and the output.
   */
  terminate(): Promise<{ exitCode: number | null; output: string }>;
}

export type ServiceApp = (typeof SERVICES)[number];

/** A distributed system whose services can be stopped and started one at a time (outage tests). */
export interface DistributedSystem extends RunningSystem {
  stopService(service: ServiceApp): Promise<void>;
  /** Starts the service's process again; poll the API for when it is back. */
  startService(service: ServiceApp): void;
  /** Starts one more gateway on the same bus and database, and answers its base URL once it is ready. */
  startGateway(env?: Record<string, string>): Promise<string>;
  /** The private NATS server, which lets each app in as its own user only. */
  nats: { url: string; passwordOf(app: BusApp): string };
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts Shopcast the way a user does: `npm start`, with its data in `dataDir`. */
export async function startStandalone(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<StandaloneSystem> {
  const port = await freePort();
  const opsPort = await freePort();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: {
      ...baseEnv(),
      ...env,
      PORT: String(port),
      OPS_PORT: String(opsPort),
      SHOPCAST_DATA_DIR: dataDir,
      SHOPCAST_PG_PORT: String(await freePort()),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output = collect(child);
  await waitFor(() => output.text.includes('Shopcast is running at'), child, output, 'standalone start');
  const kill = async () => {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    signal(child, 'SIGKILL');
    await exited;
    await groupGone(child);
  };
  const terminate = async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    process.kill(shopcastPid(child), 'SIGTERM');
    const exitCode = await exited;
    await groupGone(child);
    return { exitCode, output: output.text };
  };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    opsUrl: `http://127.0.0.1:${opsPort}`,
    outboxDir: env.MAIL_OUTBOX_DIR ?? join(dataDir, 'outbox'),
    logs: () => output.text,
    stop: () => stopProcess(child),
    kill,
    terminate,
  };
}

/** The Node process `npm start` runs Shopcast in (npm -> sh -> node, one process group). */
function shopcastPid(npm: ChildProcess): number {
  const pids = execFileSync('pgrep', ['-g', String(npm.pid), '-f', 'start-standalone.mjs'], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean)
    .map(Number);
  const node = pids.find((pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'node');
  if (!node) throw new Error(`no Shopcast node process among ${pids.join(', ')}`);
  return node;
}

/** Starts every app as its own process on a private NATS server and a fresh database. */
export async function startDistributed(extraEnv: Record<string, string> = {}): Promise<DistributedSystem> {
  const natsPort = await freePort();
  const natsDir = await mkdtemp(join(tmpdir(), 'shopcast-nats-'));
  const outboxDir = await mkdtemp(join(tmpdir(), 'shopcast-outbox-'));
  // The server the deployment files run: each app its own user and subjects, nobody else let in.
  const passwords = new Map(BUS_APPS.map((app) => [app, randomBytes(18).toString('base64url')]));
  const natsConfig = join(natsDir, 'nats.conf');
  await writeFile(natsConfig, natsAuthorizationConfig());
  const nats = spawn(
    'nats-server',
    ['-c', natsConfig, '-a', '127.0.0.1', '-p', String(natsPort), '-js', '-sd', join(natsDir, 'store')],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...Object.fromEntries(BUS_APPS.map((app) => [natsPasswordVariable(app), passwords.get(app)])),
      },
    },
  );
  const asApp = (app: BusApp) => ({ NATS_USER: app, NATS_PASSWORD: passwords.get(app) as string });
  const natsOutput = collect(nats);
  await waitFor(() => natsOutput.text.includes('Server is ready'), nats, natsOutput, 'nats-server');
  const database: TestDatabase = await createTestDatabase('shopcast_e2e');
  const port = await freePort();
  const opsPort = await freePort();
  const env = {
    ...baseEnv(),
    ...extraEnv,
    NATS_URL: `nats://127.0.0.1:${natsPort}`,
    DATABASE_URL: database.url,
    MAIL_OUTBOX_DIR: outboxDir,
  };
  const processes: ChildProcess[] = [];
  const outputs: Output[] = [];
  const stop = async () => {
    await Promise.all(processes.map((child) => stopProcess(child)));
    await stopProcess(nats);
    await database.drop();
    await rm(natsDir, { recursive: true, force: true });
    await rm(outboxDir, { recursive: true, force: true });
  };
  try {
    for (const service of SERVICES) processes.push(startApp(service, { ...env, ...asApp(service) }, outputs));
    processes.push(
      startApp(
        'gateway',
        { ...env, ...asApp('gateway'), PORT: String(port), OPS_PORT: String(opsPort) },
        outputs,
      ),
    );
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForReady(baseUrl, processes);
    const kill = async () => {
      for (const child of processes) child.kill('SIGKILL');
      await stop();
    };
    // processes[i] runs SERVICES[i]; a restarted app takes its predecessor's place, so stop() still ends it.
    const stopService = (service: ServiceApp) => stopProcess(processes[SERVICES.indexOf(service)]);
    const startService = (service: ServiceApp) => {
      processes[SERVICES.indexOf(service)] = startApp(service, { ...env, ...asApp(service) }, outputs);
    };
    const startGateway = async (gatewayEnv: Record<string, string> = {}) => {
      const gatewayUrl = `http://127.0.0.1:${await freePort()}`;
      const gateway = startApp(
        'gateway',
        { ...env, ...asApp('gateway'), ...gatewayEnv, PORT: new URL(gatewayUrl).port },
        outputs,
      );
      processes.push(gateway);
      await waitForReady(gatewayUrl, [gateway]);
      return gatewayUrl;
    };
    const logs = () => outputs.map((output) => output.text).join('\n');
    const opsUrl = `http://127.0.0.1:${opsPort}`;
    const natsAccess = {
      url: env.NATS_URL,
      passwordOf: (app: BusApp) => passwords.get(app) as string,
    };
    return {
      baseUrl,
      opsUrl,
      outboxDir,
      logs,
      stop,
      kill,
      stopService,
      startService,
      startGateway,
      nats: natsAccess,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function startApp(app: string, env: NodeJS.ProcessEnv, outputs: Output[]): ChildProcess {
  const child = spawn(process.execPath, [join(ROOT, `dist/apps/${app}/apps/${app}/src/main.js`)], {
    cwd: ROOT,
    env: { ...env, SHOPCAST_MODE: 'distributed' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collect(child);
  outputs.push(output);
  child.once('exit', (code) => {
    if (code !== 0 && code !== null)
      process.stderr.write(`${app} exited with ${code}:\n${output.text.slice(-3000)}\n`);
  });
  return child;
}

async function waitForReady(baseUrl: string, processes: ChildProcess[]): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (processes.some((child) => child.exitCode !== null)) throw new Error('An app exited during start');
    const response = await fetch(`${baseUrl}/health/ready`).catch(() => undefined);
    if (response?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('The distributed system did not become ready in time');
}

/**
 * Suites sign up many users from one address and benches read as fast as they can: request limits are raised
 * far above what they do. A suite that tests the limits passes its own.
 */
const GENEROUS_RATE_LIMITS = {
  RATE_LIMIT_ANONYMOUS_MAX: '1000000',
  RATE_LIMIT_WORKSPACE_MAX: '10000000',
  RATE_LIMIT_SIGN_IN_MAX: '1000000',
  RATE_LIMIT_COSTLY_MAX: '1000000',
  RATE_LIMIT_LINK_LOOKUP_MAX: '1000000',
};

function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...GENEROUS_RATE_LIMITS,
    ...processEnv(),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
  };
  delete env.NODE_OPTIONS; // jest's --experimental-vm-modules must not leak into the apps
  return env;
}

interface Output {
  text: string;
}

function collect(child: ChildProcess): Output {
  const output = { text: '' };
  const append = (chunk: Buffer) => {
    output.text = (output.text + chunk.toString()).slice(-200_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return output;
}

async function waitFor(
  isDone: () => boolean,
  child: ChildProcess,
  output: Output,
  what: string,
): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!isDone()) {
    if (child.exitCode !== null)
      throw new Error(`${what} exited (${child.exitCode}):\n${output.text.slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`${what} timed out:\n${output.text.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * How long a suite's afterAll may take to stop a system: stopProcess's SIGKILL comes at 20 s and the process group
 * may take up to 30 s more to go, so Jest's 30 s default fails a suite whose tests all passed on a loaded machine.
 */
export const SYSTEM_STOP_TIMEOUT = 90_000;

/** SIGTERM and wait for exit (SIGKILL after 20 s); a detached child is signalled as a group. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signal(child, 'SIGTERM');
  const timer = setTimeout(() => signal(child, 'SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
  await groupGone(child);
}

/** A detached child leads a process group (npm, node, postgres): wait until all of it has exited. */
async function groupGone(child: ChildProcess): Promise<void> {
  if (!child.pid || child.spawnargs[0] !== 'npm') return;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      process.kill(-child.pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function signal(child: ChildProcess, name: NodeJS.Signals): void {
  try {
    if (child.pid && child.spawnargs[0] === 'npm') process.kill(-child.pid, name);
    else child.kill(name);
  } catch {
    // already gone
  }
}

export async function tempDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'shopcast-data-'));
}

/**
 * Both ways to run Shopcast, for `describe.each`: standalone in a fresh data dir (removed again by `stop`), and
 * distributed; `env` is added to each.
 */
export function bothModes(env: Record<string, string> = {}): Array<[string, () => Promise<RunningSystem>]> {
  const standalone = async (): Promise<RunningSystem> => {
    const dataDir = await tempDataDir();
    const system = await startStandalone(dataDir, env);
    return {
      ...system,
      stop: async () => {
        await system.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  };
  return [
    ['standalone', standalone],
    ['distributed', () => startDistributed(env)],
  ];
}

/** Whether the system is distributed, so that more gateways can be started on it. */
export function isDistributed(system: RunningSystem): system is DistributedSystem {
  return 'startGateway' in system;
}
