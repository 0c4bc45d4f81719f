import { randomBytes } from 'node:crypto';
import type { Type } from '@nestjs/common';
import { type ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import type { Subject } from '@app/contracts';
import {
  type CallContext,
  InProcessBus,
  InProcessClient,
  RpcClient,
  type RunningService,
  type Runtime,
  startService,
} from '@app/messaging';
import { createLogger } from '@app/observability';
import { testConfig } from '../support/test-config.js';

export const TRANSPORTS = ['in-process', 'nats'] as const;
export type TransportName = (typeof TRANSPORTS)[number];

export const NATS_URL = testConfig().natsUrl;
export const silentLogger = createLogger('messaging-test', 'silent');

/** A short random tag, so runs sharing the machine's NATS never see each other's subjects or consumers. */
export function runTag(): string {
  return randomBytes(4).toString('hex');
}

export interface RpcFixture {
  /** A client of the running service whose deadline is `timeoutMs`. */
  rpc(timeoutMs: number): RpcClient;
  close(): Promise<void>;
}

/**
 * Serves a test module's handlers exactly as a service runs (startService: RpcErrorFilter, NATS queue
 * group or the in-process bus), with a client built the way MessagingModule builds it.
 */
export async function startRpcFixture(transport: TransportName, handlers: Type): Promise<RpcFixture> {
  const bus = transport === 'in-process' ? new InProcessBus() : undefined;
  const runtime: Runtime = { config: testConfig(), bus };
  // Any service name will do: the queue group only matters per subject, and the subjects are this run's own.
  const service: RunningService = await startService({ module: handlers }, runtime, 'platform');
  const proxy: ClientProxy = bus
    ? new InProcessClient(bus)
    : ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [NATS_URL] } });
  return {
    rpc: (timeoutMs) => new RpcClient(proxy, timeoutMs, silentLogger),
    close: async () => {
      await proxy.close();
      await service.close();
    },
  };
}

/** Sends on a subject the typed contract does not list (test-only subjects). */
export function sendUntyped(
  rpc: RpcClient,
  subject: string,
  data: unknown,
  context: CallContext,
): Promise<unknown> {
  return rpc.send(subject as Subject, data as never, context) as Promise<unknown>;
}
