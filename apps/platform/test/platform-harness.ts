import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import type { Principal, Role } from '@app/contracts';
import {
  type CallContext,
  InProcessBus,
  InProcessClient,
  RpcClient,
  type RunningService,
  startService,
} from '@app/messaging';
import { createLogger } from '@app/observability';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { testConfig } from '../../../test/support/test-config.js';
import { PlatformModule } from '../src/platform.module.js';

/** The key the specs encrypt tokens with unless they pass their own TOKEN_ENCRYPTION_KEYS. */
const TEST_TOKEN_KEYS = 'k3:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=';

type Runtime = { config: AppConfig; bus: InProcessBus };

export interface PlatformHarnessOptions {
  /** Prefix of the suite's own database name. */
  database?: string;
  /** Settings on top of the test config (fake platform URLs, keys, timings). */
  env?: Record<string, string>;
  rpcTimeoutMs?: number;
  /** Services started before the platform on the same database and bus, closed after it. */
  alongside?: (runtime: Runtime) => Promise<RunningService>;
}

/** The platform service as standalone mode runs it, on its own database and in-process bus, for specs. */
export interface PlatformHarness {
  rpc: RpcClient;
  bus: InProcessBus;
  service: RunningService;
  dataSource: DataSource;
  config: AppConfig;
  close(): Promise<void>;
}

export async function startPlatform(
  options: PlatformHarnessOptions = {},
  bus = new InProcessBus(),
): Promise<PlatformHarness> {
  const database: TestDatabase = await createTestDatabase(options.database);
  const config = testConfig({
    DATABASE_URL: database.url,
    TOKEN_ENCRYPTION_KEYS: TEST_TOKEN_KEYS,
    ...options.env,
  });
  const runtime = { config, bus };
  let companion: RunningService | undefined;
  let service: RunningService;
  try {
    companion = await options.alongside?.(runtime);
    service = await startService(PlatformModule.forRoot(runtime), runtime, 'platform');
  } catch (error) {
    await companion?.close();
    await database.drop();
    throw error;
  }
  bus.startDeliveringEvents();
  return {
    rpc: rpcOn(bus, options.rpcTimeoutMs),
    bus,
    service,
    config,
    dataSource: service.app.get(DataSource),
    close: async () => {
      await service.close();
      await companion?.close();
      await database.drop();
    },
  };
}

function rpcOn(bus: InProcessBus, timeoutMs = 10_000): RpcClient {
  return new RpcClient(new InProcessClient(bus), timeoutMs, createLogger('test', 'silent'));
}

/** The platform of one spec file, started before its tests and closed after them. */
export interface PlatformSuite {
  /** On the platform's bus from the start, answered once the file's beforeAll has started it. */
  readonly rpc: RpcClient;
  /** Throws before the file's beforeAll has started the platform. */
  readonly platform: PlatformHarness;
}

/** Registers the spec file's beforeAll and afterAll that start and close its platform. */
export function platformForSuite(options: PlatformHarnessOptions = {}): PlatformSuite {
  const bus = new InProcessBus();
  let harness: PlatformHarness | undefined;
  beforeAll(async () => {
    harness = await startPlatform(options, bus);
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  }, 60_000);
  return {
    rpc: rpcOn(bus, options.rpcTimeoutMs),
    get platform() {
      if (!harness) throw new Error("The platform starts in the spec file's beforeAll");
      return harness;
    },
  };
}

/** A call made by a member of the workspace with the given role. */
export function callAs(role: Role, workspaceId: string): CallContext {
  const principal: Principal = { userId: randomUUID(), workspaceId, role };
  return { principal, correlationId: randomUUID() };
}
