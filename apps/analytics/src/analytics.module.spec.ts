import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AnalyticsSubjects, type EventEnvelope, EventSubjects, type Principal } from '@app/contracts';
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
import { AnalyticsModule } from './analytics.module.js';

/** The analytics service as standalone mode runs it: its migrations, consumers and handlers on one bus. */
describe('AnalyticsModule on the in-process bus', () => {
  let database: TestDatabase;
  let service: RunningService;
  let bus: InProcessBus;
  let rpc: RpcClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    bus = new InProcessBus();
    const runtime = { config: testConfig({ DATABASE_URL: database.url }), bus };
    service = await startService(AnalyticsModule.forRoot(runtime), runtime, 'analytics');
    bus.startDeliveringEvents();
    rpc = new RpcClient(new InProcessClient(bus), 2000, createLogger('analytics-spec', 'silent'));
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  const asMember = (workspaceId: string): CallContext => ({
    principal: { userId: randomUUID(), workspaceId, role: 'viewer' } satisfies Principal,
    correlationId: randomUUID(),
  });

  function event(subject: string, workspaceId: string, data: unknown): EventEnvelope {
    return { id: randomUUID(), subject, occurredAt: new Date().toISOString(), workspaceId, data };
  }

  it('answers the summary from the counters its event consumers keep', async () => {
    const workspaceId = randomUUID();
    const userId = randomUUID();
    await bus.publish(
      event(EventSubjects.userRegistered, workspaceId, { userId, email: 'a@b.co', name: 'A', workspaceId }),
    );
    await bus.publish(event(EventSubjects.productCreated, workspaceId, { id: randomUUID(), title: 'Mug' }));
    const created = event(EventSubjects.productCreated, workspaceId, { id: randomUUID(), title: 'Cup' });
    await bus.publish(created);
    await bus.publish(created);
    await bus.publish(event(EventSubjects.productDeleted, workspaceId, { productId: randomUUID() }));

    await expect(
      rpc.send(AnalyticsSubjects.workspaceSummary, {}, asMember(workspaceId)),
    ).resolves.toMatchObject({
      workspaceId,
      products: 1,
      registeredUsers: 1,
    });
  });

  it('answers zeros for a workspace without events, and 401 without a principal', async () => {
    const workspaceId = randomUUID();
    await expect(
      rpc.send(AnalyticsSubjects.workspaceSummary, {}, asMember(workspaceId)),
    ).resolves.toMatchObject({
      workspaceId,
      products: 0,
      registeredUsers: 0,
    });
    await expect(
      rpc.send(AnalyticsSubjects.workspaceSummary, {}, { principal: null, correlationId: randomUUID() }),
    ).rejects.toMatchObject({ code: 'unauthorized', status: 401 });
  });

  it('serves its health check', async () => {
    await expect(
      rpc.send(AnalyticsSubjects.health, {}, { principal: null, correlationId: randomUUID() }),
    ).resolves.toEqual({
      service: 'analytics',
      isDatabaseUp: true,
      stuckEvents: { count: 0, oldestAt: null },
    });
  });
});
