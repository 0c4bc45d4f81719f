import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, type TestingModule, type TestingModuleBuilder } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import { CreateMediaFromUploadRequest, type MediaAssetView, type Role } from '@app/contracts';
import {
  InProcessBus,
  InProcessClient,
  RpcClient,
  type RunningService,
  startService,
  validateDto,
} from '@app/messaging';
import { createLogger } from '@app/observability';
import { BLOB_STORE, type BlobStore, uploadKeyOf } from '@app/storage';
import type { RequestContext } from '@app/messaging';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { pollUntil } from '../../../test/support/polling.js';
import { testConfig } from '../../../test/support/test-config.js';
import { ContentModule } from '../src/content.module.js';
import { MediaService } from '../src/media/media.service.js';

/** The content module of one suite, on a fresh database and data dir, with its background jobs running. */
export interface ContentHarness {
  moduleRef: TestingModule;
  config: AppConfig;
  dataDir: string;
  close(): Promise<void>;
}

export interface ContentHarnessOptions {
  /** Prefix of the suite's database name. */
  database: string;
  /** Settings on top of the test defaults (database and data dir are set). */
  env?: Record<string, string>;
  /** Changes the module before it compiles, e.g. a provider override. */
  override?: (builder: TestingModuleBuilder, config: AppConfig) => TestingModuleBuilder;
}

export async function startContent(options: ContentHarnessOptions): Promise<ContentHarness> {
  const database: TestDatabase = await createTestDatabase(options.database);
  const dataDir = await mkdtemp(join(tmpdir(), `${options.database}-`));
  const config = testConfig({ DATABASE_URL: database.url, SHOPCAST_DATA_DIR: dataDir, ...options.env });
  const builder = Test.createTestingModule({ imports: [ContentModule.forRoot({ config })] });
  const moduleRef = await (options.override?.(builder, config) ?? builder).compile();
  await moduleRef.init();
  return {
    moduleRef,
    config,
    dataDir,
    close: async () => {
      await moduleRef.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The content service as standalone mode runs it: its handlers behind the bus, requests serialised as over NATS. */
export interface ContentOnBus {
  service: RunningService;
  rpc: RpcClient;
  dataSource: DataSource;
  close(): Promise<void>;
}

export async function startContentOnBus(
  database: string,
  env: Record<string, string> = {},
  rpcTimeoutMs = 10_000,
): Promise<ContentOnBus> {
  const db: TestDatabase = await createTestDatabase(database);
  const bus = new InProcessBus();
  const runtime = { config: testConfig({ DATABASE_URL: db.url, ...env }), bus };
  const service = await startService(ContentModule.forRoot(runtime), runtime, 'content');
  bus.startDeliveringEvents();
  return {
    service,
    rpc: new RpcClient(new InProcessClient(bus), rpcTimeoutMs, createLogger('test', 'silent')),
    dataSource: service.app.get(DataSource),
    close: async () => {
      await service.close();
      await db.drop();
    },
  };
}

export function callerIn(workspaceId: string = randomUUID(), role: Role = 'owner'): RequestContext {
  return { principal: { userId: randomUUID(), workspaceId, role }, correlationId: randomUUID() };
}

/** Uploads `bytes` as media of the product and waits until processing ended (ready or failed). */
export async function uploadMedia(
  content: ContentHarness,
  caller: RequestContext,
  productId: string,
  bytes: Buffer,
): Promise<MediaAssetView> {
  const uploadKey = uploadKeyOf(caller.principal.workspaceId, randomUUID());
  await content.moduleRef.get<BlobStore>(BLOB_STORE).put(uploadKey, bytes);
  const media = content.moduleRef.get(MediaService);
  const created = await media.createFromUpload(
    caller,
    await validateDto(CreateMediaFromUploadRequest, { productId, uploadKey }),
  );
  return pollUntil(
    () => media.get(caller, created.id),
    (view) => view.status !== 'processing',
    `media ${created.id}`,
  );
}
