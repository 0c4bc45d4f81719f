import type { DynamicModule, INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import type { ServiceName } from '@app/contracts';
import { createLogger, NestPinoLogger, startOpsServer } from '@app/observability';
import { checkDatabase } from './health.handlers.js';
import { InProcessServer } from './in-process.transport.js';
import { natsConnectOptions } from './nats-access.js';
import { NatsBusServer } from './nats.transport.js';
import { RpcErrorFilter } from './rpc-error.filter.js';
import type { Runtime } from './runtime.js';

export interface RunningService {
  app: INestMicroservice;
  close(): Promise<void>;
}

/** Starts a service on the bus (NATS queue group, or the in-process bus) with its ops endpoint if configured. */
export async function startService(
  module: DynamicModule,
  runtime: Runtime,
  service: ServiceName,
): Promise<RunningService> {
  const logger = createLogger(service, runtime.config.logLevel);
  const transport: MicroserviceOptions = runtime.bus
    ? { strategy: new InProcessServer(runtime.bus) }
    : {
        strategy: new NatsBusServer({
          ...natsConnectOptions(runtime.config.natsUrl, runtime.config.nats),
          queue: service,
        }),
      };
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(module, {
    ...transport,
    logger: new NestPinoLogger(logger),
  });
  app.useGlobalFilters(new RpcErrorFilter(logger));
  await app.listen();
  const { opsPort, host } = runtime.config;
  // Standalone hosts every service in the gateway's process, whose ops server (GatewayOpsServer) serves them.
  const ops =
    opsPort > 0 && !runtime.bus
      ? await startOpsServer(opsPort, host, async () => [
          { name: 'postgres', isHealthy: await checkDatabase(app.get(DataSource)) },
        ])
      : undefined;
  logger.info(
    { mode: runtime.bus ? 'standalone' : 'distributed', opsPort: ops ? opsPort : undefined },
    `${service} ready`,
  );
  return {
    app,
    close: async () => {
      ops?.close();
      await app.close();
    },
  };
}
