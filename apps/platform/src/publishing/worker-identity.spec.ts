import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { pino } from 'pino';
import type { AppConfig } from '@app/config';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { WorkerIdentity } from './worker-identity.js';
import { pollUntil } from '../../../../test/support/polling.js';

describe('publisher liveness (WorkerIdentity)', () => {
  let database: TestDatabase;
  const identities: WorkerIdentity[] = [];
  const warnings: string[] = [];
  const logger = pino(
    { level: 'warn' },
    { write: (line: string) => warnings.push(JSON.parse(line).msg as string) },
  );

  async function identity(): Promise<WorkerIdentity> {
    const worker = new WorkerIdentity({ databaseUrl: database.url } as AppConfig, logger);
    await worker.onModuleInit();
    identities.push(worker);
    return worker;
  }

  async function terminateLivenessConnections(): Promise<number> {
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const { rowCount } = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND application_name = 'shopcast-publisher-liveness'`,
      );
      return rowCount ?? 0;
    } finally {
      await admin.end();
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    for (const worker of identities) await worker.onApplicationShutdown();
    await database.drop();
  });

  it('is alive while its process runs, and an unknown worker is dead', async () => {
    const a = await identity();
    const b = await identity();
    expect(await b.isDead(a.id)).toBe(false);
    expect(await a.isDead('gone-host-1-deadbeef')).toBe(true);
  });

  it('survives a dropped connection and takes its lock again', async () => {
    const a = await identity();
    expect(await terminateLivenessConnections()).toBeGreaterThan(0);
    // Without the reconnect, the lock is gone for good and a is seen dead from then on.
    const b = await identity();
    await pollUntil(
      () => b.isDead(a.id),
      (isDead) => !isDead,
      'a alive again',
      10_000,
    );
    expect(warnings).toContain('Publisher liveness connection lost; taking the lock again');
    // Its own connection works again too.
    expect(await a.isDead('gone-host-2-deadbeef')).toBe(true);
  });
});
