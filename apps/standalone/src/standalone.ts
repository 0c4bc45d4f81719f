import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@app/config';
import { InProcessBus, type Runtime, type RunningService, startService } from '@app/messaging';
import { AnalyticsModule } from '../../analytics/src/analytics.module.js';
import { AuthModule } from '../../auth/src/auth.module.js';
import { ContentModule } from '../../content/src/content.module.js';
import { createGatewayApp } from '../../gateway/src/gateway.app.js';
import { PlatformModule } from '../../platform/src/platform.module.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres.js';

export interface Standalone {
  url: string;
  stop(): Promise<void>;
}

/** One process hosting the gateway and all four services on an in-process bus, with embedded Postgres. */
export async function startStandalone(config: AppConfig, log: (line: string) => void): Promise<Standalone> {
  const database: EmbeddedDatabase = await startEmbeddedPostgres(
    config.dataDir,
    config.embeddedPostgresPort,
    log,
  );
  const services: RunningService[] = [];
  let gateway: NestFastifyApplication | undefined;
  const stop = async () => {
    await gateway?.close();
    for (const service of services.reverse()) await service.close();
    await database.stop();
  };
  try {
    const bus = new InProcessBus();
    const runtime: Runtime = { config: { ...config, mode: 'standalone', databaseUrl: database.url }, bus };
    services.push(await startService(AuthModule.forRoot(runtime), runtime, 'auth'));
    services.push(await startService(ContentModule.forRoot(runtime), runtime, 'content'));
    services.push(await startService(PlatformModule.forRoot(runtime), runtime, 'platform'));
    services.push(await startService(AnalyticsModule.forRoot(runtime), runtime, 'analytics'));
    bus.startDeliveringEvents();
    gateway = await createGatewayApp(runtime);
    await gateway.listen(config.port, config.host);
    const address = gateway.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    return { url: `http://localhost:${port}`, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
