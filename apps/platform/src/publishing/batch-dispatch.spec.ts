import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { ConnectionSubjects, type Principal, PostSubjects } from '@app/contracts';
import {
  type CallContext,
  InProcessBus,
  InProcessClient,
  RpcClient,
  type RunningService,
  startService,
} from '@app/messaging';
import { createLogger } from '@app/observability';
import { pollUntil } from '../../../../test/support/polling.js';
import { FakeXServer } from '../../../../test/fakes/x/fake-x-server.js';
import { testConfig } from '../../../../test/support/test-config.js';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { connectFakeX, fakeXEnv } from '../../../../test/support/x-connection.js';
import { PlatformModule } from '../platform.module.js';
import { PublishingSweep } from './publishing-sweep.js';
import { Publisher } from './publisher.js';

// One platform service over a real Postgres and the fake X; targets are claimed by Publisher.dispatchMany.
let db: TestDatabase;
let x: FakeXServer;
let service: RunningService;
let rpc: RpcClient;
let dataSource: DataSource;

const owners: Principal[] = [0, 1].map(() => ({
  userId: randomUUID(),
  workspaceId: randomUUID(),
  role: 'owner',
}));
const as = (owner: Principal) => (): CallContext => ({ principal: owner, correlationId: randomUUID() });

beforeAll(async () => {
  db = await createTestDatabase('shopcast_batch_dispatch');
  x = new FakeXServer({ clientId: 'shopcast-test', clientSecret: 'fake-secret' });
  const xUrl = await x.start();
  const bus = new InProcessBus();
  const runtime = {
    config: testConfig({
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.url,
      ...fakeXEnv(xUrl, 'shopcast-test', 'fake-secret'),
      TOKEN_ENCRYPTION_KEYS: 'k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
    }),
    bus,
  };
  service = await startService(PlatformModule.forRoot(runtime), runtime, 'platform');
  bus.startDeliveringEvents();
  rpc = new RpcClient(new InProcessClient(bus), 10_000, createLogger('test', 'silent'));
  dataSource = service.app.get(DataSource);
}, 60_000);

afterAll(async () => {
  await service?.close();
  await x?.stop();
  await db?.drop();
}, 60_000);

/** A draft post made due `secondsAgo` by hand, so only the dispatch under test (or the sweep) picks it up. */
async function dueTarget(owner: Principal, connectionId: string, text: string, secondsAgo: number) {
  const post = await rpc.send(PostSubjects.create, { targets: [{ connectionId, text }] }, as(owner)());
  const targetId = post.targets[0].id;
  await dataSource.query(
    `UPDATE post_targets SET status = 'scheduled', due_at = now() - make_interval(secs => $2) WHERE id = $1`,
    [targetId, secondsAgo],
  );
  return targetId;
}

async function targetRow(id: string) {
  const [row] = await dataSource.query(
    `SELECT t.status, t.due_at, t.hold_reason, t.attempt_count,
       (SELECT count(*)::int FROM publish_attempts a WHERE a.target_id = t.id) AS attempts
     FROM post_targets t WHERE t.id = $1`,
    [id],
  );
  return row as {
    status: string;
    due_at: Date;
    hold_reason: string | null;
    attempt_count: number;
    attempts: number;
  };
}

describe('batch dispatch', () => {
  it('claims a batch at once: a connection with a 60 s gap publishes one target and holds the next', async () => {
    const gapped = (await connectFakeX(rpc, as(owners[0]))).id;
    await rpc.send(
      ConnectionSubjects.update,
      { id: gapped, patch: { limits: { minGapSec: 60 } } },
      as(owners[0])(),
    );
    const open = (await connectFakeX(rpc, as(owners[1]))).id;
    const first = await dueTarget(owners[0], gapped, 'Gapped first', 5);
    const second = await dueTarget(owners[0], gapped, 'Gapped second', 2);
    const other = await dueTarget(owners[1], open, 'Other account', 1);
    const tweetsBefore = x.tweets.length;
    const startedAt = Date.now();

    await service.app.get(Publisher).dispatchMany([second, other, first].map((targetId) => ({ targetId })));

    expect(await targetRow(first)).toMatchObject({ status: 'published', attempt_count: 1, attempts: 1 });
    expect(await targetRow(other)).toMatchObject({ status: 'published', attempt_count: 1, attempts: 1 });
    const held = await targetRow(second);
    expect(held).toMatchObject({ status: 'scheduled', attempt_count: 0, attempts: 0 });
    expect(held.hold_reason).toMatch(/^Keeping at least 60 s between posts of this account; rescheduled to/);
    expect(held.due_at.getTime()).toBeGreaterThanOrEqual(startedAt + 59_000);
    expect(
      x.tweets
        .slice(tweetsBefore)
        .map((tweet) => tweet.text)
        .sort(),
    ).toEqual(['Gapped first', 'Other account']);
    const events = await dataSource.query(
      `SELECT payload->>'targetId' AS target FROM outbox WHERE subject = 'platform.post.published'`,
    );
    expect(events.map((row: { target: string }) => row.target).sort()).toEqual([first, other].sort());
  }, 60_000);

  it('a claim that dies before it commits leaves no attempt; the sweep queues the targets again and each goes out once', async () => {
    const connectionId = (await rpc.send(ConnectionSubjects.list, {}, as(owners[1])()))[0].id;
    const doomed = await dueTarget(owners[1], connectionId, 'Claim dies first', 90);
    const neighbour = await dueTarget(owners[1], connectionId, 'Claim dies too', 90);
    const [before] = await dataSource.query(`SELECT last_dispatched_at FROM connections WHERE id = $1`, [
      connectionId,
    ]);
    await dataSource.query(`
      CREATE FUNCTION fail_claim() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.target_id = '${doomed}' THEN RAISE EXCEPTION 'process died mid-claim'; END IF;
        RETURN NEW;
      END $$`);
    await dataSource.query(
      `CREATE TRIGGER fail_claim BEFORE INSERT ON publish_attempts FOR EACH ROW EXECUTE FUNCTION fail_claim()`,
    );
    const tweetsBefore = x.tweets.length;
    try {
      await service.app.get(Publisher).dispatchMany([doomed, neighbour].map((targetId) => ({ targetId })));
    } finally {
      await dataSource.query(`DROP TRIGGER fail_claim ON publish_attempts`);
      await dataSource.query(`DROP FUNCTION fail_claim()`);
    }

    for (const id of [doomed, neighbour])
      expect(await targetRow(id)).toMatchObject({ status: 'scheduled', attempt_count: 0, attempts: 0 });
    const [after] = await dataSource.query(`SELECT last_dispatched_at FROM connections WHERE id = $1`, [
      connectionId,
    ]);
    expect(after.last_dispatched_at).toEqual(before.last_dispatched_at);
    expect(x.tweets.length).toBe(tweetsBefore);

    await service.app.get(PublishingSweep).sweep();
    for (const id of [doomed, neighbour])
      await pollUntil(
        () => targetRow(id),
        (row) => row.status === 'published',
        `target ${id} published`,
        20_000,
      );
    for (const id of [doomed, neighbour])
      expect(await targetRow(id)).toMatchObject({ attempt_count: 1, attempts: 1 });
    expect(
      x.tweets
        .slice(tweetsBefore)
        .map((tweet) => tweet.text)
        .sort(),
    ).toEqual(['Claim dies first', 'Claim dies too']);
  }, 60_000);
});
