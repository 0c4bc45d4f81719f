import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import {
  type EventEnvelope,
  EventSubjects,
  type PlatformMetricsCollectedEvent,
  PostSubjects,
  type PostView,
  type Role,
} from '@app/contracts';
import type { CallContext, InProcessBus, RpcClient } from '@app/messaging';
import { pollUntil } from '../../../../test/support/polling.js';
import { FakeXServer } from '../../../../test/fakes/x/fake-x-server.js';
import { connectFakeX, fakeXEnv } from '../../../../test/support/x-connection.js';
import { statusOf } from '../../../../test/support/domain-errors.js';
import { callAs, type PlatformHarness, startPlatform } from '../../test/platform-harness.js';

// One platform service over real Postgres and pg-boss, the X provider against the fake X; readings 3 s after publishing.
let x: FakeXServer;
let platform: PlatformHarness;
let bus: InProcessBus;
let rpc: RpcClient;
let dataSource: DataSource;
let connectionId: string;
const workspaceId = randomUUID();
const productId = randomUUID();

const as = (role: Role, workspace = workspaceId): CallContext => callAs(role, workspace);

/** Publishes a post to the fake X now and returns it once published, with its tweet id and the creating call. */
async function publishToX(text: string): Promise<{ post: PostView; tweetId: string; creating: CallContext }> {
  const creating = as('editor');
  const created = await rpc.send(
    PostSubjects.create,
    { productId, targets: [{ connectionId, text }], scheduledAt: new Date().toISOString() },
    creating,
  );
  const post = await pollUntil(
    () => rpc.send(PostSubjects.get, { id: created.id }, as('viewer')),
    (view) => view.targets[0].status === 'published',
    'the post published on X',
    20_000,
  );
  return { post, tweetId: post.targets[0].externalId as string, creating };
}

async function collectedEvents(targetId: string): Promise<PlatformMetricsCollectedEvent[]> {
  const rows: Array<{ payload: PlatformMetricsCollectedEvent }> = await dataSource.query(
    `SELECT payload FROM outbox WHERE subject = $1 AND payload->>'targetId' = $2 ORDER BY occurred_at`,
    [EventSubjects.metricsCollected, targetId],
  );
  return rows.map((row) => row.payload);
}

/** The request chain of each metrics.collected event of the target, oldest first. */
async function collectedChains(targetId: string): Promise<Array<string | null>> {
  const rows: Array<{ correlation_id: string | null }> = await dataSource.query(
    `SELECT correlation_id FROM outbox WHERE subject = $1 AND payload->>'targetId' = $2 ORDER BY occurred_at`,
    [EventSubjects.metricsCollected, targetId],
  );
  return rows.map((row) => row.correlation_id);
}

/** Waits until the target's first reading is announced. */
async function untilCollected(targetId: string, timeoutMs: number): Promise<void> {
  await pollUntil(
    () => collectedEvents(targetId),
    (events) => events.length > 0,
    'metrics collected',
    timeoutMs,
  );
}

/** Whether the consumer has handled the event (its inbox row is committed). */
async function inboxed(eventId: string, consumer: string): Promise<boolean> {
  const rows: unknown[] = await dataSource.query(
    'SELECT 1 FROM inbox WHERE event_id = $1 AND consumer = $2',
    [eventId, consumer],
  );
  return rows.length > 0;
}

/** The states of the target's metric reading jobs (pg-boss keeps them in the service's schema). */
async function metricsJobStates(targetId: string): Promise<string[]> {
  const rows: Array<{ state: string }> = await dataSource.query(
    `SELECT state FROM job WHERE name = 'platform-post-metrics' AND data->>'targetId' = $1`,
    [targetId],
  );
  return rows.map((row) => row.state);
}

async function metricsRows(targetId: string): Promise<number> {
  const [row] = await dataSource.query('SELECT count(*)::int AS n FROM post_metrics WHERE target_id = $1', [
    targetId,
  ]);
  return row.n;
}

beforeAll(async () => {
  x = new FakeXServer({ clientId: 'shopcast-test', clientSecret: 'fake-secret' });
  const xUrl = await x.start();
  platform = await startPlatform({
    database: 'shopcast_metrics',
    env: {
      ...fakeXEnv(xUrl, 'shopcast-test', 'fake-secret'),
      TOKEN_ENCRYPTION_KEYS: 'k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
      METRICS_POLL_OFFSETS: '3s',
    },
  });
  ({ bus, rpc, dataSource } = platform);
  connectionId = (await connectFakeX(rpc, () => as('owner'))).id;
}, 60_000);

afterAll(async () => {
  await platform?.close();
  await x?.stop();
}, 60_000);

describe('post metrics', () => {
  it('reads a published X post once per offset, even when its published event arrives again', async () => {
    const { post, tweetId } = await publishToX('Metrics for the linen tote');
    const targetId = post.targets[0].id;
    x.setMetrics(tweetId, {
      impressions: 1200,
      likes: 40,
      replies: 5,
      reposts: 7,
      quotes: 3,
      bookmarks: 9,
      urlLinkClicks: 61,
    });
    // The same event again (redelivery), and the same fact under a new event id (a replay past the inbox).
    const [published] = await dataSource.query(
      `SELECT id, subject, workspace_id, payload, occurred_at FROM outbox
       WHERE subject = $1 AND payload->>'targetId' = $2`,
      [EventSubjects.postPublished, targetId],
    );
    const envelope: EventEnvelope = {
      id: published.id,
      subject: published.subject,
      workspaceId: published.workspace_id,
      occurredAt: new Date(published.occurred_at).toISOString(),
      data: published.payload,
    };
    const replayId = randomUUID();
    await bus.publish(envelope);
    await bus.publish({ ...envelope, id: replayId });

    await untilCollected(targetId, 20_000);
    const view = await rpc.send(PostSubjects.get, { id: post.id }, as('viewer'));
    expect(view.targets[0].metrics).toEqual({
      impressions: 1200,
      views: 1200,
      likes: 40,
      comments: 5,
      shares: 10,
      saves: 9,
      clicks: 61,
      collectedAt: expect.any(String),
    });
    const [event] = await collectedEvents(targetId);
    expect(event).toMatchObject({
      postId: post.id,
      targetId,
      platform: 'x',
      productId,
      variant: null,
      impressions: 1200,
      shares: 10,
      clicks: 61,
    });
    // Once the replay is handled (its inbox row commits with the jobs it plans), every reading it could have
    // planned exists; there is one, already run, so nothing can read twice later.
    await pollUntil(
      () => inboxed(replayId, 'platform_MetricsScheduleEvents_onPostPublished'),
      (isHandled) => isHandled,
      'the replayed event handled',
    );
    expect(
      await pollUntil(
        () => metricsJobStates(targetId),
        (states) => states.every((state) => state === 'completed'),
        'the reading jobs finished',
      ),
    ).toEqual(['completed']);
    expect(await collectedEvents(targetId)).toHaveLength(1);
    expect(await metricsRows(targetId)).toBe(1);
    expect(x.tweetReads.filter((read) => read.id === tweetId)).toHaveLength(1);
    expect(x.rejected).toEqual([]);
  }, 60_000);

  it("reads again after X's rate-limit reset when X answers 429", async () => {
    x.failNextTweetReads({ kind: 'rate_limit', resetInSec: 2 });
    const { post, tweetId } = await publishToX('Metrics after a rate limit');
    x.setMetrics(tweetId, { impressions: 77 });
    const targetId = post.targets[0].id;
    await untilCollected(targetId, 30_000);
    const reads = x.tweetReads.filter((read) => read.id === tweetId);
    expect(reads).toHaveLength(2);
    // X's reset is a whole epoch second at least 2 s after the refusal.
    expect(reads[1].at - reads[0].at).toBeGreaterThanOrEqual(1000);
    expect((await collectedEvents(targetId))[0].impressions).toBe(77);
  }, 60_000);

  it('refreshes on request for writers of the workspace only', async () => {
    const { post, tweetId, creating } = await publishToX('Metrics on request');
    const targetId = post.targets[0].id;
    await untilCollected(targetId, 20_000);
    x.setMetrics(tweetId, { impressions: 5000, likes: 300 });

    const refreshing = as('editor');
    const refreshed = await rpc.send(PostSubjects.refreshMetrics, { id: post.id }, refreshing);
    expect(refreshed).toEqual({ queuedTargetIds: [targetId] });
    await pollUntil(
      () => rpc.send(PostSubjects.get, { id: post.id }, as('viewer')),
      (view) => view.targets[0].metrics?.impressions === 5000,
      'the refreshed metrics',
      20_000,
    );
    const events = await collectedEvents(targetId);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ impressions: 5000, likes: 300 });
    // The planned reading is in the chain of the request that got the post published, the refresh in its own.
    expect(await collectedChains(targetId)).toEqual([creating.correlationId, refreshing.correlationId]);

    expect(await statusOf(rpc.send(PostSubjects.refreshMetrics, { id: post.id }, as('viewer')))).toBe(403);
    expect(
      await statusOf(rpc.send(PostSubjects.refreshMetrics, { id: post.id }, as('owner', randomUUID()))),
    ).toBe(404);
    const draft = await rpc.send(
      PostSubjects.create,
      { targets: [{ connectionId, text: 'Not published yet' }] },
      as('editor'),
    );
    expect(await statusOf(rpc.send(PostSubjects.refreshMetrics, { id: draft.id }, as('editor')))).toBe(409);
    expect(draft.targets[0].metrics).toBeNull();
  }, 60_000);

  it('stops polling a target whose connection X no longer accepts', async () => {
    const { post, tweetId } = await publishToX('Metrics after a revoked token');
    const targetId = post.targets[0].id;
    x.expireAccessTokens();
    await pollUntil(
      () =>
        dataSource.query(
          'SELECT polling_stopped_reason FROM post_metrics WHERE target_id = $1 AND polling_stopped_at IS NOT NULL',
          [targetId],
        ),
      (rows: unknown[]) => rows.length === 1,
      'polling stopped',
      20_000,
    );
    const [stopped] = await dataSource.query(
      'SELECT polling_stopped_reason AS reason FROM post_metrics WHERE target_id = $1',
      [targetId],
    );
    expect(stopped.reason).toMatch(/reconnect/);
    // X refused the token before looking the post up; nothing was read, nothing announced.
    expect(x.tweetReads.filter((read) => read.id === tweetId)).toHaveLength(0);
    expect(await collectedEvents(targetId)).toHaveLength(0);
    const view = await rpc.send(PostSubjects.get, { id: post.id }, as('viewer'));
    expect(view.targets[0].metrics).toBeNull();
  }, 60_000);
});
