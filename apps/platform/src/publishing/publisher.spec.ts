import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { ConnectionSubjects, type Principal, PostSubjects, type PostView } from '@app/contracts';
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
import { WorkerIdentity } from './worker-identity.js';

// Two platform processes (two Nest apps, two pg-boss workers) over one real Postgres and one fake X.
let db: TestDatabase;
let x: FakeXServer;
const instances: Array<{ service: RunningService; rpc: RpcClient }> = [];

async function startInstance(env: Record<string, string>) {
  const bus = new InProcessBus();
  const runtime = { config: testConfig(env), bus };
  const service = await startService(PlatformModule.forRoot(runtime), runtime, 'platform');
  bus.startDeliveringEvents();
  const instance = {
    service,
    rpc: new RpcClient(new InProcessClient(bus), 10_000, createLogger('test', 'silent')),
  };
  instances.push(instance);
  return instance;
}

const owner: Principal = { userId: randomUUID(), workspaceId: randomUUID(), role: 'owner' };
const call = (): CallContext => ({ principal: owner, correlationId: randomUUID() });

beforeAll(async () => {
  db = await createTestDatabase('shopcast_publisher');
  x = new FakeXServer({ clientId: 'shopcast-test', clientSecret: 'fake-secret' });
  const xUrl = await x.start();
  const env = {
    LOG_LEVEL: 'error',
    DATABASE_URL: db.url,
    ...fakeXEnv(xUrl, 'shopcast-test', 'fake-secret'),
    TOKEN_ENCRYPTION_KEYS: 'k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
    PUBLISH_CONCURRENCY: '10',
  };
  await startInstance(env);
  await startInstance(env);
}, 60_000);

afterAll(async () => {
  for (const instance of instances) await instance.service.close();
  await x?.stop();
  await db?.drop();
}, 60_000);

describe('publisher', () => {
  it('publishes every due target exactly once when two processes race over them', async () => {
    const [a, b] = instances;
    const connectionId = (await connectFakeX(a.rpc, call)).id;
    const count = 40;
    const posts: PostView[] = [];
    for (let i = 0; i < count; i += 1) {
      const rpc = i % 2 === 0 ? a.rpc : b.rpc;
      posts.push(
        await rpc.send(
          PostSubjects.create,
          {
            targets: [{ connectionId, text: `Race post number ${i}` }],
            scheduledAt: new Date().toISOString(),
          },
          call(),
        ),
      );
    }
    const dataSource = a.service.app.get(DataSource);
    await pollUntil(
      async () => {
        const [row] = await dataSource.query(
          `SELECT count(*)::int AS n FROM post_targets WHERE status = 'published'`,
        );
        return row.n as number;
      },
      (published) => published === count,
      `${count} targets published`,
      60_000,
    );
    expect(x.tweets).toHaveLength(count);
    expect(new Set(x.tweets.map((tweet) => tweet.text)).size).toBe(count);
    const attempts = await dataSource.query(
      `SELECT target_id, count(*)::int AS n, count(DISTINCT worker_id)::int AS workers FROM publish_attempts GROUP BY target_id`,
    );
    expect(attempts).toHaveLength(count);
    expect(attempts.every((row: { n: number }) => row.n === 1)).toBe(true);
    const workers = new Set(
      (await dataSource.query(`SELECT DISTINCT worker_id FROM publish_attempts`)).map(
        (row: { worker_id: string }) => row.worker_id,
      ),
    );
    expect(workers.size).toBe(2);
    const published = await a.rpc.send(PostSubjects.get, { id: posts[0].id }, call());
    expect(published.targets[0]).toMatchObject({
      status: 'published',
      externalId: expect.stringMatching(/^\d{1,19}$/),
    });
    expect(x.rejected).toEqual([]);
  }, 120_000);

  it("marks a dead process's in-flight attempt unconfirmed, never re-posts it, and leaves a live one alone", async () => {
    const [a, b] = instances;
    const dataSource = a.service.app.get(DataSource);
    const connectionId = (await a.rpc.send(ConnectionSubjects.list, {}, call()))[0].id;
    const stranded = await a.rpc.send(
      PostSubjects.create,
      { targets: [{ connectionId, text: 'Stranded mid-call' }] },
      call(),
    );
    const live = await a.rpc.send(
      PostSubjects.create,
      { targets: [{ connectionId, text: 'Still being called' }] },
      call(),
    );
    const strand = async (post: PostView, workerId: string) => {
      await dataSource.query(
        `UPDATE post_targets SET status = 'publishing', due_at = now(), attempt_count = 1 WHERE post_id = $1`,
        [post.id],
      );
      await dataSource.query(
        `INSERT INTO publish_attempts (id, target_id, connection_id, workspace_id, worker_id, outcome) VALUES ($1, $2, $3, $4, $5, 'calling')`,
        [randomUUID(), post.targets[0].id, connectionId, owner.workspaceId, workerId],
      );
    };
    await strand(stranded, 'killed-process-1234');
    await strand(live, a.service.app.get(WorkerIdentity).id);
    const tweetsBefore = x.tweets.length;

    await b.service.app.get(PublishingSweep).sweep();
    await b.service.app.get(Publisher).dispatch(stranded.targets[0].id);

    const after = await a.rpc.send(PostSubjects.get, { id: stranded.id }, call());
    expect(after.targets[0]).toMatchObject({
      status: 'unconfirmed',
      error: {
        class: 'unknown_outcome',
        message: expect.stringMatching(/Check the account before retrying/),
      },
    });
    expect(after.attempts).toEqual([expect.objectContaining({ outcome: 'unconfirmed' })]);
    const [event] = await dataSource.query(
      `SELECT payload FROM outbox WHERE subject = 'platform.post.unconfirmed'`,
    );
    expect(event.payload).toMatchObject({ postId: stranded.id, targetId: stranded.targets[0].id });
    expect((await a.rpc.send(PostSubjects.get, { id: live.id }, call())).attempts[0].outcome).toBe('calling');
    expect(x.tweets.length).toBe(tweetsBefore);
  }, 60_000);

  it("records a due publish's events in the request chain that scheduled it", async () => {
    const [a] = instances;
    const connectionId = (await a.rpc.send(ConnectionSubjects.list, {}, call()))[0].id;
    const scheduling = call();
    const post = await a.rpc.send(
      PostSubjects.create,
      { targets: [{ connectionId, text: 'Traced to X' }], scheduledAt: new Date().toISOString() },
      scheduling,
    );
    await pollUntil(
      async () => (await a.rpc.send(PostSubjects.get, { id: post.id }, call())).targets[0],
      (target) => target.status === 'published',
      'the target published',
      20_000,
    );
    const events = await a.service.app
      .get(DataSource)
      .query(
        `SELECT subject, correlation_id FROM outbox WHERE payload->>'postId' = $1 ORDER BY occurred_at, subject`,
        [post.id],
      );
    expect(events).toEqual([
      { subject: 'platform.post.scheduled', correlation_id: scheduling.correlationId },
      { subject: 'platform.post.published', correlation_id: scheduling.correlationId },
    ]);
  }, 60_000);

  // Last: it leaves the shared connection needing a reconnect.
  it('fails with a reconnect reason and expires the connection when X answers 401', async () => {
    const [a] = instances;
    const connectionId = (await a.rpc.send(ConnectionSubjects.list, {}, call()))[0].id;
    x.expireAccessTokens();
    const scheduling = call();
    const post = await a.rpc.send(
      PostSubjects.create,
      { targets: [{ connectionId, text: 'After X forgot us' }], scheduledAt: new Date().toISOString() },
      scheduling,
    );
    const target = await pollUntil(
      async () => (await a.rpc.send(PostSubjects.get, { id: post.id }, call())).targets[0],
      (current) => current.status === 'failed',
      'the target failed',
      20_000,
    );
    expect(target.error).toEqual({
      class: 'needs_reconnect',
      message: expect.stringMatching(/reconnect it/),
    });
    const [connection] = await a.rpc.send(ConnectionSubjects.list, {}, call());
    expect(connection).toMatchObject({ status: 'needs_reconnect' });
    const dataSource = a.service.app.get(DataSource);
    const events = await dataSource.query(
      `SELECT subject, correlation_id FROM outbox
       WHERE subject IN ('platform.connection.expired', 'platform.post.failed') ORDER BY subject`,
    );
    // Both in the chain of the request that scheduled the post.
    expect(events).toEqual([
      { subject: 'platform.connection.expired', correlation_id: scheduling.correlationId },
      { subject: 'platform.post.failed', correlation_id: scheduling.correlationId },
    ]);
  }, 60_000);
});
