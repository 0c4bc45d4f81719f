import {
  type DynamicModule,
  Global,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { type ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { ServiceName } from '@app/contracts';
import { createLogger, LOGGER } from '@app/observability';
import { TransactionHost } from '@app/database';
import { EventConsumers } from './event-consumers.js';
import { InProcessPublisher, JetStreamPublisher, type EventPublisher } from './event-publisher.js';
import {
  ensureEventsStream,
  InProcessEventSource,
  JetStreamEventSource,
  type EventSource,
} from './event-source.js';
import { healthHandlers } from './health.handlers.js';
import { InProcessClient } from './in-process.transport.js';
import { Outbox } from './outbox.js';
import { natsConnectOptions } from './nats-access.js';
import { OutboxRelay } from './outbox-relay.js';
import { RpcClient } from './rpc-client.js';
import { StuckEvents } from './stuck-events.js';
import type { Runtime } from './runtime.js';

export const TRANSPORT_CLIENT = Symbol('TRANSPORT_CLIENT');
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
export const EVENT_PUBLISHER = Symbol('EVENT_PUBLISHER');
export const EVENT_SOURCE = Symbol('EVENT_SOURCE');

class NatsConnectionCloser implements OnApplicationShutdown {
  constructor(private readonly connection: NatsConnection) {}
  async onApplicationShutdown(): Promise<void> {
    await this.connection.drain().catch(() => undefined);
  }
}

// Closes the request client with the app; otherwise an app closed inside a process that lives on (tests)
// keeps its NATS connection open.
class TransportClientCloser implements OnApplicationShutdown {
  constructor(private readonly client: ClientProxy) {}
  async onApplicationShutdown(): Promise<void> {
    await Promise.resolve(this.client.close()).catch(() => undefined);
  }
}

// Runs before TypeORM destroys the DataSource, so a drain in progress can finish with its connection.
class OutboxRelayLifecycle implements BeforeApplicationShutdown {
  constructor(private readonly relay: OutboxRelay) {}
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

function rpcProviders(runtime: Runtime, logger: Logger): Provider[] {
  return [
    { provide: LOGGER, useValue: logger },
    {
      provide: TRANSPORT_CLIENT,
      useFactory: (): ClientProxy =>
        runtime.bus
          ? new InProcessClient(runtime.bus)
          : ClientProxyFactory.create({
              transport: Transport.NATS,
              options: natsConnectOptions(runtime.config.natsUrl, runtime.config.nats),
            }),
    },
    {
      provide: TransportClientCloser,
      useFactory: (transport: ClientProxy) => new TransportClientCloser(transport),
      inject: [TRANSPORT_CLIENT],
    },
    {
      provide: RpcClient,
      useFactory: (transport: ClientProxy) => new RpcClient(transport, runtime.config.rpcTimeoutMs, logger),
      inject: [TRANSPORT_CLIENT],
    },
  ];
}

function eventProviders(runtime: Runtime, service: ServiceName, schema: string, logger: Logger): Provider[] {
  const bus = runtime.bus;
  if (bus) {
    return [
      { provide: EVENT_PUBLISHER, useValue: new InProcessPublisher(bus) },
      { provide: EVENT_SOURCE, useValue: new InProcessEventSource(bus) },
    ];
  }
  return [
    {
      provide: NATS_CONNECTION,
      useFactory: () =>
        connect({
          ...natsConnectOptions(runtime.config.natsUrl, runtime.config.nats),
          name: `shopcast-${service}-events`,
        }),
    },
    {
      provide: NatsConnectionCloser,
      useFactory: (nc: NatsConnection) => new NatsConnectionCloser(nc),
      inject: [NATS_CONNECTION],
    },
    {
      provide: EVENT_PUBLISHER,
      useFactory: async (nc: NatsConnection): Promise<EventPublisher> => {
        await ensureEventsStream(await jetstreamManager(nc));
        return new JetStreamPublisher(jetstream(nc));
      },
      inject: [NATS_CONNECTION],
    },
    {
      provide: EVENT_SOURCE,
      useFactory: async (nc: NatsConnection): Promise<EventSource> =>
        new JetStreamEventSource(jetstream(nc), await jetstreamManager(nc), logger),
      inject: [NATS_CONNECTION],
    },
  ];
}

/** The bus for one app: typed RPC client, and for services the outbox, its relay and event consumers. */
@Global()
@Module({})
export class MessagingModule {
  /** For the gateway: requests only. */
  static forGateway(runtime: Runtime): DynamicModule {
    const logger = createLogger('gateway', runtime.config.logLevel);
    return {
      module: MessagingModule,
      providers: rpcProviders(runtime, logger),
      exports: [RpcClient, LOGGER],
    };
  }

  /** For a service: requests, its health handler, the outbox relay and its @OnEvent consumers. */
  static forService(runtime: Runtime, service: ServiceName, schema: string): DynamicModule {
    const logger = createLogger(service, runtime.config.logLevel);
    return {
      module: MessagingModule,
      imports: [DiscoveryModule],
      controllers: [healthHandlers(service)],
      providers: [
        ...rpcProviders(runtime, logger),
        ...eventProviders(runtime, service, schema, logger),
        {
          provide: Outbox,
          useFactory: (tx: TransactionHost) => new Outbox(schema, tx),
          inject: [TransactionHost],
        },
        {
          provide: OutboxRelay,
          useFactory: async (dataSource: DataSource, publisher: EventPublisher) => {
            const relay = new OutboxRelay(dataSource, runtime.config.databaseUrl, schema, publisher, logger);
            await relay.start();
            return relay;
          },
          inject: [DataSource, EVENT_PUBLISHER],
        },
        {
          provide: StuckEvents,
          useFactory: (dataSource: DataSource) =>
            new StuckEvents(dataSource, service, {
              minAttempts: runtime.config.stuckEventAttempts,
              minAgeSec: runtime.config.stuckEventAgeSec,
            }),
          inject: [DataSource],
        },
        {
          provide: OutboxRelayLifecycle,
          useFactory: (relay: OutboxRelay) => new OutboxRelayLifecycle(relay),
          inject: [OutboxRelay],
        },
        {
          provide: EventConsumers,
          useFactory: (
            tx: TransactionHost,
            source: EventSource,
            discovery: DiscoveryService,
            scanner: MetadataScanner,
            reflector: Reflector,
          ) => new EventConsumers(service, tx, source, logger, discovery, scanner, reflector),
          inject: [TransactionHost, EVENT_SOURCE, DiscoveryService, MetadataScanner, Reflector],
        },
      ],
      exports: [RpcClient, LOGGER, Outbox, OutboxRelay, StuckEvents],
    };
  }
}
