import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { type EventEnvelope, type EventPayload, type EventSubject, EventSubjects } from '@app/contracts';
import { openServiceDataSource, TransactionHost } from '@app/database';
import { handleOnce } from '@app/messaging';
import { createLogger, LOGGER } from '@app/observability';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { testConfig } from '../../../../test/support/test-config.js';
import { member, productView } from '../../test/analytics-harness.js';
import { analyticsDatabase } from '../analytics.module.js';
import { DashboardRepository } from '../dashboard/dashboard.repository.js';
import { DashboardService } from '../dashboard/dashboard.service.js';
import { WorkspaceSummaryEvents } from './workspace-summary.events.js';
import { WorkspaceSummaryHandlers } from './workspace-summary.handlers.js';
import { WorkspaceSummaryRepository } from './workspace-summary.repository.js';
import { WorkspaceSummaryService } from './workspace-summary.service.js';

function envelope<S extends EventSubject>(
  subject: S,
  workspaceId: string | null,
  data: EventPayload<S>,
): EventEnvelope<EventPayload<S>> {
  return { id: randomUUID(), subject, occurredAt: new Date().toISOString(), workspaceId, data };
}

describe('WorkspaceSummaryService (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let service: WorkspaceSummaryService;
  let events: WorkspaceSummaryEvents;
  let handlers: WorkspaceSummaryHandlers;
  let tx: TransactionHost;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openServiceDataSource(analyticsDatabase(testConfig({ DATABASE_URL: database.url })));
    const module = await Test.createTestingModule({
      controllers: [WorkspaceSummaryHandlers],
      providers: [
        WorkspaceSummaryRepository,
        WorkspaceSummaryService,
        WorkspaceSummaryEvents,
        DashboardRepository,
        DashboardService,
        { provide: DataSource, useValue: dataSource },
        TransactionHost,
        { provide: LOGGER, useValue: createLogger('analytics', 'silent') },
      ],
    }).compile();
    service = module.get(WorkspaceSummaryService);
    events = module.get(WorkspaceSummaryEvents);
    handlers = module.get(WorkspaceSummaryHandlers);
    tx = module.get(TransactionHost);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** Delivers an event the way the consumer does: inside handleOnce, with the inbox record. */
  function deliver<E extends EventEnvelope>(
    event: E,
    handler: (event: E) => Promise<void>,
  ): Promise<boolean> {
    return handleOnce(tx, 'analytics_spec', event, (delivered) => handler.call(events, delivered as E));
  }

  it('reports zeros for a workspace no event has mentioned', async () => {
    const workspaceId = randomUUID();
    expect(await service.summary(member(workspaceId, 'viewer'))).toMatchObject({
      workspaceId,
      products: 0,
      registeredUsers: 0,
    });
  });

  it('counts registrations and created minus deleted products, per workspace', async () => {
    const workspaceId = randomUUID();
    const otherWorkspaceId = randomUUID();
    const registered = (id: string) =>
      envelope(EventSubjects.userRegistered, id, {
        userId: randomUUID(),
        email: 'a@example.com',
        name: 'A',
        workspaceId: id,
      });
    await deliver(registered(workspaceId), events.onUserRegistered);
    await deliver(registered(otherWorkspaceId), events.onUserRegistered);
    for (let i = 0; i < 3; i++) {
      await deliver(
        envelope(EventSubjects.productCreated, workspaceId, productView()),
        events.onProductCreated,
      );
    }
    await deliver(
      envelope(EventSubjects.productCreated, otherWorkspaceId, productView()),
      events.onProductCreated,
    );
    await deliver(
      envelope(EventSubjects.productDeleted, workspaceId, { productId: randomUUID() }),
      events.onProductDeleted,
    );

    expect(await service.summary(member(workspaceId, 'viewer'))).toMatchObject({
      workspaceId,
      products: 2,
      registeredUsers: 1,
    });
    expect(await service.summary(member(otherWorkspaceId, 'viewer'))).toMatchObject({
      workspaceId: otherWorkspaceId,
      products: 1,
      registeredUsers: 1,
    });
  });

  it('counts the created products of a catalog import event, not the updated ones', async () => {
    const workspaceId = randomUUID();
    const summary = (title: string) => ({
      id: randomUUID(),
      title,
      priceMinor: 100,
      costMinor: null,
      currency: 'USD',
      commissionRate: null,
    });
    const imported = envelope(EventSubjects.catalogImported, workspaceId, {
      importId: randomUUID(),
      created: [summary('Mug'), summary('Cup'), summary('Jug')],
      updated: [summary('Plate')],
    });
    expect(await deliver(imported, events.onCatalogImported)).toBe(true);
    expect(await deliver({ ...imported }, events.onCatalogImported)).toBe(false);
    expect((await service.summary(member(workspaceId, 'viewer'))).products).toBe(3);
  });

  it('changes the counters once when the same event is handled twice', async () => {
    const workspaceId = randomUUID();
    const created = envelope(EventSubjects.productCreated, workspaceId, productView());

    expect(await deliver(created, events.onProductCreated)).toBe(true);
    expect(await deliver({ ...created }, events.onProductCreated)).toBe(false);

    expect((await service.summary(member(workspaceId, 'viewer'))).products).toBe(1);
  });

  it('loses no update when events for one workspace are handled concurrently', async () => {
    const workspaceId = randomUUID();
    await Promise.all(
      Array.from({ length: 20 }, () =>
        deliver(envelope(EventSubjects.productCreated, workspaceId, productView()), events.onProductCreated),
      ),
    );
    expect((await service.summary(member(workspaceId, 'viewer'))).products).toBe(20);
  });

  it('never counts below zero when a delete arrives for a product it never saw created', async () => {
    const workspaceId = randomUUID();
    await deliver(
      envelope(EventSubjects.productDeleted, workspaceId, { productId: randomUUID() }),
      events.onProductDeleted,
    );
    await deliver(
      envelope(EventSubjects.productCreated, workspaceId, productView()),
      events.onProductCreated,
    );
    expect((await service.summary(member(workspaceId, 'viewer'))).products).toBe(1);
  });

  it('writes only in the transaction of the delivery, so a failed delivery leaves nothing behind', async () => {
    const workspaceId = randomUUID();
    const created = envelope(EventSubjects.productCreated, workspaceId, productView());
    await expect(
      handleOnce(tx, 'analytics_spec', created, async (event) => {
        await events.onProductCreated(event as typeof created);
        throw new Error('the consumer failed after writing');
      }),
    ).rejects.toThrow('the consumer failed after writing');
    expect((await service.summary(member(workspaceId, 'viewer'))).products).toBe(0);

    expect(await deliver(created, events.onProductCreated)).toBe(true);
    expect((await service.summary(member(workspaceId, 'viewer'))).products).toBe(1);
  });

  it("answers the summary request for the principal's workspace only", async () => {
    const workspaceId = randomUUID();
    await deliver(
      envelope(EventSubjects.productCreated, workspaceId, productView()),
      events.onProductCreated,
    );

    // A request without a principal never reaches the handler: the kernel's guard answers 401 (handles.spec).
    await expect(handlers.summary(member(workspaceId, 'viewer'), {})).resolves.toMatchObject({
      workspaceId,
      products: 1,
      registeredUsers: 0,
      clicks: 0,
    });
  });
});
