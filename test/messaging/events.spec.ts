import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type DynamicModule,
  type INestApplicationContext,
  Injectable,
  Module,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { DataSource as DataSourceToken } from 'typeorm';
import { type EventEnvelope, EventSubjects, type ProductView } from '@app/contracts';
import { DatabaseModule, TransactionHost } from '@app/database';
import {
  EVENTS_STREAM,
  EVENTS_SUBJECT_PREFIX,
  InProcessBus,
  MessagingModule,
  MESSAGING_MIGRATIONS,
  OnEvent,
  Outbox,
  type Runtime,
  StuckEvents,
} from '@app/messaging';
import { renderMetrics } from '@app/observability';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { testConfig } from '../support/test-config.js';
import { pollUntil } from '../support/polling.js';
import { NATS_URL, runTag, TRANSPORTS, type TransportName } from './bus-fixtures.js';

const RUN = runTag();
const WORKSPACE_ID = randomUUID();
// The machine's EVENTS stream is shared with every other run, and a new durable consumer replays all it
// retains of its subject: a per-run subject keeps this suite fast and out of other suites' consumers.
// It is typed as content.product.created, the event it stands for.
const TEST_EVENT = `test${RUN}.product.created` as typeof EventSubjects.productCreated;

/** What the test consumer writes, through the transaction it is handed, for every event it handles. */
class ReceivedEvents1763800900000 implements MigrationInterface {
  name = 'ReceivedEvents1763800900000';

  async up(runner: QueryRunner): Promise<void> {
    // No unique key on event_id: a second handling must show up as a second row, not as an error.
    await runner.query(`
      CREATE TABLE received_events (
        seq bigserial PRIMARY KEY,
        event_id uuid NOT NULL,
        title text NOT NULL,
        correlation_id text
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE received_events');
  }
}

/** In-memory view of the consumer's calls, including the ones whose transaction rolled back. */
class ConsumerProbe {
  readonly calls = new Map<string, number>();
  readonly failOnce = new Set<string>();
  /** Events the consumer fails on until they are removed from here. */
  readonly failing = new Set<string>();
}

/** A consumer provider whose class name (and so durable consumer name) is unique to this run. */
function recordingConsumer(className: string, probe: ConsumerProbe): Type {
  @Injectable()
  class RecordingConsumer {
    constructor(private readonly tx: TransactionHost) {}

    @OnEvent(TEST_EVENT)
    async onProductCreated(event: EventEnvelope<ProductView>): Promise<void> {
      probe.calls.set(event.id, (probe.calls.get(event.id) ?? 0) + 1);
      await this.tx.manager.query(
        'INSERT INTO received_events (event_id, title, correlation_id) VALUES ($1, $2, $3)',
        [event.id, event.data.title, event.correlationId ?? null],
      );
      if (probe.failOnce.delete(event.id)) throw new Error('Simulated consumer failure after writing');
      if (probe.failing.has(event.id)) throw new Error('Simulated consumer bug');
    }
  }
  Object.defineProperty(RecordingConsumer, 'name', { value: className });
  return RecordingConsumer;
}

@Module({})
class EventsTestModule {}

function eventsModule(runtime: Runtime, schema: string, consumer: Type): DynamicModule {
  return {
    module: EventsTestModule,
    imports: [
      DatabaseModule.forService({
        url: runtime.config.databaseUrl,
        schema,
        entities: [],
        migrations: [...MESSAGING_MIGRATIONS, ReceivedEvents1763800900000],
      }),
      MessagingModule.forService(runtime, 'platform', schema),
    ],
    providers: [consumer],
  };
}

interface EventsApp {
  app: INestApplicationContext;
  dataSource: DataSource;
  tx: TransactionHost;
  outbox: Outbox;
  probe: ConsumerProbe;
  /** The durable consumer (JetStream) or bus subscriber name the service registered. */
  consumerName: string;
  close(): Promise<void>;
}

interface StartOptions {
  database: TestDatabase;
  schema: string;
  consumerClass: string;
  /** Standalone only: the shared bus (a fresh one, already delivering, when omitted). */
  bus?: InProcessBus;
  env?: Record<string, string>;
}

/** Boots an app with the service's messaging wiring (outbox, relay, consumers) and one test consumer. */
async function startEventsApp(transport: TransportName, options: StartOptions): Promise<EventsApp> {
  const bus = transport === 'in-process' ? (options.bus ?? deliveringBus()) : undefined;
  const runtime: Runtime = {
    config: testConfig({ DATABASE_URL: options.database.url, ...options.env }),
    bus,
  };
  const probe = new ConsumerProbe();
  const consumer = recordingConsumer(options.consumerClass, probe);
  const app = await NestFactory.createApplicationContext(eventsModule(runtime, options.schema, consumer), {
    logger: false,
  });
  let isClosed = false;
  return {
    app,
    dataSource: app.get(DataSourceToken),
    tx: app.get(TransactionHost),
    outbox: app.get(Outbox),
    probe,
    consumerName: `platform_${options.consumerClass}_onProductCreated`,
    close: async () => {
      if (isClosed) return;
      isClosed = true;
      await app.close();
    },
  };
}

function deliveringBus(): InProcessBus {
  const bus = new InProcessBus();
  bus.startDeliveringEvents();
  return bus;
}

function product(title: string): ProductView {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    title,
    description: null,
    priceMinor: 1999,
    currency: 'EUR',
    costMinor: null,
    marginMinor: null,
    commissionRate: null,
    category: null,
    tags: ['test'],
    destinationUrl: null,
    externalId: null,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
}

/** Records a product.created event the way a service does: in the transaction of the change. */
async function addEvent(
  from: EventsApp,
  title: string,
  options: { rollback?: boolean; failOnceIn?: ConsumerProbe; failingIn?: ConsumerProbe } = {},
): Promise<EventEnvelope<ProductView>> {
  let event: EventEnvelope<ProductView> | undefined;
  const work = from.tx.run(async () => {
    event = await from.outbox.add(TEST_EVENT, product(title), {
      workspaceId: WORKSPACE_ID,
      correlationId: `corr-${title}`,
    });
    options.failOnceIn?.failOnce.add(event.id);
    options.failingIn?.failing.add(event.id);
    if (options.rollback) throw new Error('roll back the change and its event');
  });
  if (options.rollback) await expect(work).rejects.toThrow('roll back');
  else await work;
  return event!;
}

interface ReceivedRow {
  event_id: string;
  title: string;
  correlation_id: string | null;
}

async function received(consumer: EventsApp, eventId: string): Promise<ReceivedRow[]> {
  return consumer.dataSource.query(
    'SELECT event_id, title, correlation_id FROM received_events WHERE event_id = $1',
    [eventId],
  );
}

function waitUntilReceived(consumer: EventsApp, event: EventEnvelope): Promise<ReceivedRow[]> {
  return pollUntil(
    () => received(consumer, event.id),
    (rows) => rows.length > 0,
    `event ${event.id} at ${consumer.consumerName}`,
    15_000,
  );
}

async function waitUntilPublished(from: EventsApp, event: EventEnvelope): Promise<void> {
  await pollUntil(
    async () => {
      const [row] = await from.dataSource.query<Array<{ published_at: Date | null }>>(
        'SELECT published_at FROM outbox WHERE id = $1',
        [event.id],
      );
      return row?.published_at ?? null;
    },
    (publishedAt) => publishedAt !== null,
    `the relay to publish ${event.id}`,
    15_000,
  );
}

/** Resolves once the relay has claimed the row (it holds its lock) and has not marked it published. */
async function waitUntilClaimedByRelay(from: EventsApp, event: EventEnvelope): Promise<void> {
  await pollUntil(
    async () => {
      const [row] = await from.dataSource.query<Array<{ pending: number; unlocked: number }>>(
        `SELECT (SELECT count(*)::int FROM outbox WHERE id = $1 AND published_at IS NULL) AS pending,
              (SELECT count(*)::int FROM (SELECT 1 FROM outbox WHERE id = $1 FOR UPDATE SKIP LOCKED) AS free)
                AS unlocked`,
        [event.id],
      );
      return row.pending === 1 && row.unlocked === 0;
    },
    (isClaimed) => isClaimed,
    `the relay to claim ${event.id}`,
    15_000,
  );
}

/** Fails with a clear message, instead of Jest's timeout, when `work` does not settle in time. */
async function withinMs<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

let database: TestDatabase;
let nats: NatsConnection;
let jsm: JetStreamManager;
const durableConsumers: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase('shopcast_test_events');
  nats = await connect({ servers: [NATS_URL], name: `shopcast-test-events-${RUN}` });
  jsm = await jetstreamManager(nats);
});

afterAll(async () => {
  for (const name of durableConsumers) {
    await jsm.consumers.delete(EVENTS_STREAM, name).catch(() => undefined);
  }
  await nats?.close();
  await database?.drop();
});

describe.each(TRANSPORTS)('events over the %s transport', (transport) => {
  let service: EventsApp;
  let bus: InProcessBus | undefined;

  /** Delivers the same event (same id) once more, and resolves once the consumer has dealt with it. */
  async function redeliver(event: EventEnvelope): Promise<void> {
    if (transport === 'in-process') {
      // Resolves once every subscriber has handled it.
      await bus!.publish(event);
      return;
    }
    // A fresh msgID gets past JetStream's own de-duplication, so only the inbox stands in the way.
    const ack = await jetstream(nats).publish(
      `${EVENTS_SUBJECT_PREFIX}${event.subject}`,
      JSON.stringify(event),
      {
        msgID: randomUUID(),
      },
    );
    expect(ack.duplicate).toBe(false);
    await pollUntil(
      () => jsm.consumers.info(EVENTS_STREAM, service.consumerName),
      (info) => info.ack_floor.stream_seq >= ack.seq,
      `the consumer to ack stream message ${ack.seq}`,
      15_000,
    );
  }

  beforeAll(async () => {
    bus = transport === 'in-process' ? deliveringBus() : undefined;
    service = await startEventsApp(transport, {
      database,
      schema: `events_${transport.replace('-', '_')}`,
      consumerClass: `Recorder${RUN}${transport === 'nats' ? 'Js' : 'Bus'}`,
      bus,
    });
    if (transport === 'nats') durableConsumers.push(service.consumerName);
  });

  afterAll(async () => {
    await service?.close();
  });

  it('delivers an event whose transaction commits, once, with its payload', async () => {
    const event = await addEvent(service, 'committed');

    const rows = await waitUntilReceived(service, event);

    expect(rows).toEqual([{ event_id: event.id, title: 'committed', correlation_id: 'corr-committed' }]);
    const inbox = await service.dataSource.query('SELECT consumer FROM inbox WHERE event_id = $1', [
      event.id,
    ]);
    expect(inbox).toEqual([{ consumer: service.consumerName }]);
  });

  it('never delivers an event whose transaction rolls back', async () => {
    const rolledBack = await addEvent(service, 'rolled-back', { rollback: true });
    // The relay publishes in order and the consumer handles in order: once a later event has arrived,
    // the rolled-back one would have too.
    const later = await addEvent(service, 'after-rollback');
    await waitUntilReceived(service, later);

    expect(await received(service, rolledBack.id)).toEqual([]);
    expect(service.probe.calls.has(rolledBack.id)).toBe(false);
    expect(await service.dataSource.query('SELECT id FROM outbox WHERE id = $1', [rolledBack.id])).toEqual(
      [],
    );
  });

  it('handles a redelivered event (same id) only once', async () => {
    const event = await addEvent(service, 'redelivered');
    await waitUntilReceived(service, event);

    await redeliver(event);
    await redeliver(event);

    expect(await received(service, event.id)).toHaveLength(1);
    expect(service.probe.calls.get(event.id)).toBe(1);
  });

  it('gives an event again to a consumer that failed, and it takes effect once', async () => {
    const event = await addEvent(service, 'fails-once', { failOnceIn: service.probe });

    const rows = await waitUntilReceived(service, event);

    expect(rows).toHaveLength(1);
    // The failed attempt wrote a row too, but it rolled back with the inbox record.
    expect(service.probe.calls.get(event.id)).toBe(2);
  });

  it('does not hold later events back behind one its consumer keeps failing on', async () => {
    const stuck = await addEvent(service, 'stuck', { failingIn: service.probe });
    const later = await addEvent(service, 'after-stuck');

    await waitUntilReceived(service, later);
    await pollUntil(
      async () => service.probe.calls.get(stuck.id) ?? 0,
      (attempts) => attempts >= 2,
      'a second failed attempt',
      15_000,
    );
    expect(await received(service, stuck.id)).toEqual([]);

    service.probe.failing.delete(stuck.id);
    expect(await waitUntilReceived(service, stuck)).toHaveLength(1);
  }, 30_000);
});

describe('standalone: the in-process bus', () => {
  const started: EventsApp[] = [];
  const start = async (options: Omit<StartOptions, 'database'>) => {
    const app = await startEventsApp('in-process', { database, ...options });
    started.push(app);
    return app;
  };

  afterAll(async () => {
    for (const app of started) await app.close();
  });

  it('holds committed events until startDeliveringEvents(), then delivers them', async () => {
    const bus = new InProcessBus();
    const service = await start({ schema: 'gate', consumerClass: `Gate${RUN}`, bus });
    const event = await addEvent(service, 'before-the-gate');

    // The relay is publishing it right now, and it has still not reached the consumer.
    await waitUntilClaimedByRelay(service, event);
    expect(service.probe.calls.size).toBe(0);
    expect(await received(service, event.id)).toEqual([]);

    bus.startDeliveringEvents();
    await waitUntilReceived(service, event);
  });

  it('stops promptly when stopped before delivery started, and the event is delivered after a restart', async () => {
    const options = { schema: 'gate_stop', consumerClass: `GateStop${RUN}` };
    const service = await start({ ...options, bus: new InProcessBus() });
    const event = await addEvent(service, 'stopped-before-the-gate');
    await waitUntilClaimedByRelay(service, event);

    await withinMs(5000, 'closing a service whose relay waits for delivery to start', service.close());

    const restarted = await start(options);
    expect(await waitUntilReceived(restarted, event)).toHaveLength(1);
  });

  it('shows an event its consumer keeps failing on as stuck, in health and in the metrics gauge, until it gets through', async () => {
    const service = await start({
      schema: 'stuck',
      consumerClass: `Stuck${RUN}`,
      env: { STUCK_EVENT_ATTEMPTS: '2' },
    });
    const stuckEvents = service.app.get(StuckEvents);
    const gauge = async () =>
      (await renderMetrics()).match(/^shopcast_outbox_stuck_events\{service="platform"\} (\d+)$/m)?.[1];
    expect(await stuckEvents.read()).toEqual({ count: 0, oldestAt: null });
    const stuck = await addEvent(service, 'keeps-failing', { failingIn: service.probe });

    const seen = await pollUntil(
      () => stuckEvents.read(),
      (view) => view.count === 1,
      'the event to be stuck',
      15_000,
    );
    expect(service.probe.calls.get(stuck.id)).toBeGreaterThanOrEqual(2);
    expect(seen.oldestAt).toBe(stuck.occurredAt);
    expect(await gauge()).toBe('1');

    service.probe.failing.delete(stuck.id);
    await waitUntilReceived(service, stuck);
    expect(await stuckEvents.read()).toEqual({ count: 0, oldestAt: null });
    expect(await gauge()).toBe('0');
  }, 30_000);
});

describe('distributed: JetStream durability', () => {
  const started: EventsApp[] = [];
  const start = async (schema: string, consumerClass: string) => {
    const app = await startEventsApp('nats', { database, schema, consumerClass });
    started.push(app);
    durableConsumers.push(app.consumerName);
    return app;
  };
  let producer: EventsApp;

  beforeAll(async () => {
    producer = await start('js_producer', `Producer${RUN}`);
  });

  afterAll(async () => {
    for (const app of started) await app.close();
  });

  it('delivers to a consumer that starts only after the event was published', async () => {
    const event = await addEvent(producer, 'before-the-consumer-existed');
    await waitUntilPublished(producer, event);

    const late = await start('js_late', `Late${RUN}`);

    expect(await waitUntilReceived(late, event)).toHaveLength(1);
  });

  it('delivers to a consumer that was down while the event was published, once it is back', async () => {
    const first = await start('js_restart', `Restart${RUN}`);
    await first.close();
    const event = await addEvent(producer, 'while-the-consumer-was-down');
    await waitUntilPublished(producer, event);

    const again = await start('js_restart', `Restart${RUN}`);

    expect(await waitUntilReceived(again, event)).toHaveLength(1);
    // A new durable consumer replays the subject's earlier events; this one must come only after the restart.
    expect(first.probe.calls.has(event.id)).toBe(false);
  });
});
