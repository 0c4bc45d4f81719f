import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import type { ClickRecord, EventEnvelope, LinkView, Principal, ProductView, Role } from '@app/contracts';
import { LinkSubjects } from '@app/contracts';
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
import { AnalyticsModule } from '../src/analytics.module.js';

/** The analytics service as standalone mode runs it, on its own database and bus, for specs. */
export interface AnalyticsHarness {
  rpc: RpcClient;
  bus: InProcessBus;
  dataSource: DataSource;
  config: AppConfig;
  close(): Promise<void>;
}

export async function startAnalytics(env: Record<string, string> = {}): Promise<AnalyticsHarness> {
  const database: TestDatabase = await createTestDatabase();
  const bus = new InProcessBus();
  const config = testConfig({
    DATABASE_URL: database.url,
    PUBLIC_BASE_URL: 'https://app.shop.example',
    LINK_BASE_URL: 'https://sho.pc',
    ...env,
  });
  const runtime = { config, bus };
  let service: RunningService | undefined;
  try {
    service = await startService(AnalyticsModule.forRoot(runtime), runtime, 'analytics');
  } catch (error) {
    await database.drop();
    throw error;
  }
  bus.startDeliveringEvents();
  return {
    rpc: new RpcClient(new InProcessClient(bus), 5000, createLogger('analytics-spec', 'silent')),
    bus,
    config,
    dataSource: service.app.get(DataSource),
    close: async () => {
      await service?.close();
      await database.drop();
    },
  };
}

export function member(
  workspaceId: string = randomUUID(),
  role: Role = 'editor',
): CallContext & { principal: Principal } {
  return { principal: { userId: randomUUID(), workspaceId, role }, correlationId: randomUUID() };
}

export const anonymous = (): CallContext => ({ principal: null, correlationId: randomUUID() });

/** A click on the link as the gateway would build it; override any field. */
export function clickOn(
  link: Pick<LinkView, 'id' | 'productId' | 'postId' | 'targetId' | 'variant' | 'platform'>,
  workspaceId: string,
  overrides: Partial<ClickRecord> = {},
): ClickRecord {
  return {
    id: randomUUID(),
    linkId: link.id,
    workspaceId,
    clickedAt: new Date().toISOString(),
    productId: link.productId,
    postId: link.postId,
    targetId: link.targetId,
    variant: link.variant,
    platform: link.platform,
    country: 'FR',
    device: 'mobile',
    browser: 'Chrome',
    os: 'Android',
    referrerDomain: 'instagram.com',
    isBot: false,
    visitorHash: randomUUID(),
    ...overrides,
  };
}

export async function ingest(rpc: RpcClient, clicks: ClickRecord[]): Promise<number> {
  return (await rpc.send(LinkSubjects.ingestClicks, { clicks }, anonymous())).stored;
}

/** A product as content's product events carry it; override any field. */
export function productView(overrides: Partial<ProductView> = {}): ProductView {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    title: 'Linen tote',
    description: null,
    priceMinor: 2500,
    currency: 'USD',
    costMinor: null,
    marginMinor: null,
    commissionRate: null,
    category: null,
    tags: [],
    destinationUrl: null,
    externalId: null,
    status: 'active',
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

export function event(subject: string, workspaceId: string, data: unknown): EventEnvelope {
  return { id: randomUUID(), subject, occurredAt: new Date().toISOString(), workspaceId, data };
}
