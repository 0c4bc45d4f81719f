import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { LOGGER } from '@app/observability';

const LOCK_SPACE = 'shopcast-publisher';
const RECONNECT_DELAY_MS = 2_000;

/**
 * This process's id on publish attempts, and proof that it is alive: a session advisory lock held on its
 * own connection for as long as the process runs. Postgres drops the lock when the process dies (even by
 * kill -9), which is how another process knows an attempt left `calling` will never be finished.
 *
 * A lost connection (database restart, network) is replaced and the lock taken again, retrying until it
 * works; meanwhile other processes may see this one as dead and mark its calling attempts unconfirmed,
 * which is safe: unconfirmed is never re-posted blindly.
 */
@Injectable()
export class WorkerIdentity implements OnModuleInit, OnApplicationShutdown {
  readonly id = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  private client?: Promise<pg.Client>;
  /** The connected client holding the lock; events of an older, replaced one are ignored. */
  private active?: pg.Client;
  private retryTimer?: NodeJS.Timeout;
  private isStopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.connection();
  }

  async onApplicationShutdown(): Promise<void> {
    this.isStopping = true;
    clearTimeout(this.retryTimer);
    const client = await this.client?.catch(() => undefined);
    await client?.end().catch(() => undefined);
  }

  /** True when no live process holds `workerId`'s lock (checked without keeping it). */
  async isDead(workerId: string): Promise<boolean> {
    const client = await this.connection();
    const { rows } = await client.query<{ acquired: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS acquired',
      [LOCK_SPACE, workerId],
    );
    if (rows[0]?.acquired)
      await client.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [LOCK_SPACE, workerId]);
    return rows[0]?.acquired === true;
  }

  /** The connection that holds this process's lock, opened (and the lock taken) when there is none. */
  private connection(): Promise<pg.Client> {
    this.client ??= this.connect().catch((error: unknown) => {
      this.client = undefined;
      throw error;
    });
    return this.client;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.config.databaseUrl,
      application_name: 'shopcast-publisher-liveness',
    });
    // Without a listener, a dropped connection's 'error' would crash the whole process.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query('SELECT pg_advisory_lock(hashtext($1), hashtext($2))', [LOCK_SPACE, this.id]);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.active = client;
    return client;
  }

  private lost(client: pg.Client, error?: Error): void {
    if (this.isStopping || this.active !== client) return;
    this.active = undefined;
    this.client = undefined;
    this.logger.warn({ err: error }, 'Publisher liveness connection lost; taking the lock again');
    this.reconnect();
  }

  private reconnect(): void {
    if (this.isStopping) return;
    this.connection().catch((error: unknown) => {
      this.logger.warn({ err: error }, 'Publisher liveness lock not taken yet; retrying');
      this.retryTimer = setTimeout(() => this.reconnect(), RECONNECT_DELAY_MS);
      this.retryTimer.unref();
    });
  }
}
