import type { DynamicModule } from '@nestjs/common';
import { type AppConfig, loadConfig } from '@app/config';
import type { ServiceName } from '@app/contracts';
import { openServiceDataSource, type ServiceDatabaseOptions } from '@app/database';
import { createLogger } from '@app/observability';
import { startService } from './service-bootstrap.js';

export interface ServiceDefinition {
  name: ServiceName;
  module: (config: AppConfig) => DynamicModule;
  database: (config: AppConfig) => ServiceDatabaseOptions;
}

/**
 * Entry point of a service process in distributed mode. `main.js migrate` applies migrations and exits
 * (for init containers); otherwise the service runs until SIGINT/SIGTERM.
 */
export async function runServiceMain(
  definition: ServiceDefinition,
  argv: string[] = process.argv,
): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(definition.name, config.logLevel);
  if (argv[2] === 'migrate') {
    const dataSource = await openServiceDataSource(definition.database(config));
    await dataSource.destroy();
    logger.info(`${definition.name} migrations are up to date`);
    return;
  }
  const running = await startService(definition.module(config), { config }, definition.name);
  const stop = (signal: string) => {
    logger.info({ signal }, `${definition.name} stopping`);
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
