import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { LOGGER } from '@app/observability';

/** Injection token for the service's started pg-boss instance. */
export const JOBS = Symbol('JOBS');

class JobsShutdown implements OnApplicationShutdown {
  constructor(@Inject(JOBS) private readonly boss: PgBoss) {}

  async onApplicationShutdown(): Promise<void> {
    // Lets running handlers finish (up to the timeout) so no job is left half done by a clean stop.
    await this.boss.stop({ graceful: true, wait: true, timeout: 20_000 });
  }
}

export interface JobsOptions {
  databaseUrl: string;
  /** The service's own schema: pg-boss keeps its tables beside the service's (job, queue, archive...). */
  schema: string;
  /** Connections pg-boss may hold (default 4). */
  poolSize?: number;
}

/** Durable background jobs (pg-boss 10) in the service's own schema; started before the app serves. */
@Global()
@Module({})
export class JobsModule {
  static forService(options: JobsOptions): DynamicModule {
    return {
      module: JobsModule,
      providers: [
        {
          provide: JOBS,
          // The DataSource is awaited only for ordering: pg-boss's CREATE SCHEMA IF NOT EXISTS must not race the
          // service's own schema bootstrap (two concurrent ones fail with a duplicate pg_namespace key).
          inject: [LOGGER, { token: DataSource, optional: true }],
          useFactory: async (logger: Logger) => {
            const boss = new PgBoss({
              connectionString: options.databaseUrl,
              schema: options.schema,
              max: options.poolSize ?? 4,
              application_name: `shopcast-${options.schema}-jobs`,
            });
            boss.on('error', (error) => logger.error({ err: error }, 'Job queue error'));
            await boss.start();
            return boss;
          },
        },
        JobsShutdown,
      ],
      exports: [JOBS],
    };
  }
}
