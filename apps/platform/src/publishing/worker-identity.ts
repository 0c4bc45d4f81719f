import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import { APP_CONFIG, type AppConfig } from '@app/config';

const LOCK_SPACE = 'shopcast-publisher';

/**
 * This process's id on publish attempts, and proof that it is alive: a session advisory lock held on its
 * own connection for as long as the process runs. Postgres drops the lock when the process dies (even by
 * kill -9), which is how another process knows an attempt left `calling` will never be finished.
 */
@Injectable()
export class WorkerIdentity implements OnModuleInit, OnApplicationShutdown {
  readonly id = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  private client?: pg.Client;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    this.client = new pg.Client({
      connectionString: this.config.databaseUrl,
      application_name: 'shopcast-publisher-liveness',
    });
    await this.client.connect();
    await this.client.query('SELECT pg_advisory_lock(hashtext($1), hashtext($2))', [LOCK_SPACE, this.id]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.end().catch(() => undefined);
  }

  /** True when no live process holds `workerId`'s lock (checked without keeping it). */
  async isDead(workerId: string): Promise<boolean> {
    const client = this.client as pg.Client;
    const { rows } = await client.query<{ acquired: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS acquired',
      [LOCK_SPACE, workerId],
    );
    if (rows[0]?.acquired)
      await client.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [LOCK_SPACE, workerId]);
    return rows[0]?.acquired === true;
  }
}
