import { Inject, Injectable } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import { DataSource as DataSourceToken } from 'typeorm';
import { openServiceDataSource, TransactionHost } from '@app/database';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { JobQueue } from './job-queue.js';
import { JOBS } from './jobs.module.js';

const SCHEMA = 'jobs_spec';
/** Far longer than a woken worker needs, so a job that waited for the poll cannot pass for a prompt one. */
const POLL_SECONDS = 10;
const PROMPT_MS = 4000;

interface SpecJob {
  n: number;
}

@Injectable()
class PromptJobs extends JobQueue<SpecJob> {
  constructor(@Inject(JOBS) boss: PgBoss) {
    super(boss, 'spec-prompt');
  }
}

@Injectable()
class PolledJobs extends JobQueue<SpecJob> {
  constructor(@Inject(JOBS) boss: PgBoss) {
    super(boss, 'spec-polled');
  }
}

const startBoss = async (url: string) => {
  const boss = new PgBoss({ connectionString: url, schema: SCHEMA, max: 2 });
  // Without a listener an 'error' event (a fetch cut short by stop) would throw inside the worker's loop.
  boss.on('error', () => undefined);
  await boss.start();
  return boss;
};

/** Resolves each job's number as its worker runs it, with when that was. */
function recorder() {
  const waiting = new Map<number, (at: number) => void>();
  return {
    handle: async ({ n }: SpecJob) => waiting.get(n)?.(performance.now()),
    ranAt: (n: number) => new Promise<number>((resolve) => waiting.set(n, resolve)),
  };
}

describe('JobQueue (real Postgres and pg-boss)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let boss: PgBoss;
  let otherProcess: PgBoss;
  let moduleRef: TestingModule;
  let prompt: PromptJobs;
  let polled: PolledJobs;
  const promptRuns = recorder();
  const polledRuns = recorder();

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openServiceDataSource({
      url: database.url,
      schema: SCHEMA,
      entities: [],
      migrations: [],
    });
    boss = await startBoss(database.url);
    otherProcess = await startBoss(database.url);
    moduleRef = await Test.createTestingModule({
      providers: [
        { provide: JOBS, useValue: boss },
        { provide: DataSourceToken, useValue: dataSource },
        TransactionHost,
        PromptJobs,
        PolledJobs,
      ],
    }).compile();
    prompt = moduleRef.get(PromptJobs);
    polled = moduleRef.get(PolledJobs);
    await prompt.work(promptRuns.handle, POLL_SECONDS);
    await polled.work(polledRuns.handle, 1);
    // Past the workers' first fetch, so each now sleeps until its next poll unless woken.
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }, 60_000);

  afterAll(async () => {
    await boss?.stop({ graceful: true, wait: true, timeout: 5000 });
    await otherProcess?.stop({ graceful: true, wait: true, timeout: 5000 });
    await moduleRef?.close();
    await dataSource?.destroy();
    await database?.drop();
  }, 60_000);

  it('runs a job queued by this process at once, not at the next poll', async () => {
    const ran = promptRuns.ranAt(1);
    const sentAt = performance.now();
    await prompt.enqueue({ n: 1 });
    expect((await ran) - sentAt).toBeLessThan(PROMPT_MS);
  }, 30_000);

  it('runs a burst of jobs queued by this process back to back, without a poll between two', async () => {
    const burst = [10, 11, 12];
    const ran = burst.map((n) => promptRuns.ranAt(n));
    const sentAt = performance.now();
    await Promise.all(burst.map((n) => prompt.enqueue({ n })));
    expect(Math.max(...(await Promise.all(ran))) - sentAt).toBeLessThan(PROMPT_MS);
  }, 60_000);

  it('runs a job queued in a transaction at once when the transaction commits', async () => {
    const ran = promptRuns.ranAt(2);
    let committedAt = 0;
    await moduleRef.get(TransactionHost).run(async () => {
      await prompt.enqueue({ n: 2 });
      // A worker woken now would find nothing yet and sleep a whole poll: the wake must follow the commit.
      await new Promise((resolve) => setTimeout(resolve, 300));
      committedAt = performance.now();
    });
    expect((await ran) - committedAt).toBeLessThan(PROMPT_MS);
  }, 30_000);

  it('still runs jobs another process queued, at the next poll', async () => {
    const ran = polledRuns.ranAt(3);
    await otherProcess.send(polled.name, { n: 3 });
    await expect(ran).resolves.toEqual(expect.any(Number));
  }, 30_000);
});
