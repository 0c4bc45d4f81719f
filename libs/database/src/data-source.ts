import { DataSource, type DataSourceOptions, type EntitySchema, type MixedList } from 'typeorm';
import pg from 'pg';

export interface ServiceDatabaseOptions {
  /** postgres:// URL; each service may get its own (own role, same or other database). */
  url: string;
  /** The Postgres schema the service owns; created if missing, and first on the search_path. */
  schema: string;
  // TypeORM's own option types; entity classes or EntitySchemas.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
}

/** TypeORM options for a service: its schema, its migrations table inside it, no synchronize. */
export function serviceDataSourceOptions(options: ServiceDatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    extra: {
      max: options.poolSize ?? 10,
      options: `-c search_path=${quoteIdent(options.schema)},public`,
      application_name: `shopcast-${options.schema}`,
    },
  };
}

/** Creates the schema if it is missing, connects, and brings the schema up to date. */
export async function openServiceDataSource(options: ServiceDatabaseOptions): Promise<DataSource> {
  await ensureSchema(options.url, options.schema);
  const dataSource = new DataSource(serviceDataSourceOptions(options));
  await dataSource.initialize();
  try {
    await runMigrationsLocked(dataSource, options.schema);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/** Creates the schema unless it exists (a role without CREATE on the database still starts if it does). */
export async function ensureSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (existing.rowCount === 0) {
      // Replicas starting together race here; losing the race means the schema now exists.
      await client
        .query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`)
        .catch((error: { code?: string }) => {
          if (error.code !== '23505' && error.code !== '42P06') throw error;
        });
    }
  } finally {
    await client.end();
  }
}

/** Runs pending migrations while holding a Postgres advisory lock, so replicas starting together take turns. */
export async function runMigrationsLocked(dataSource: DataSource, schema: string): Promise<string[]> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock(hashtext($1))', [`shopcast:migrations:${schema}`]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock(hashtext($1))', [`shopcast:migrations:${schema}`]);
    await lockRunner.release();
  }
}

export function quoteIdent(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
