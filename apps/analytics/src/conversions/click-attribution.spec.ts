import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConversionSubjects, type ConversionView, LinkSubjects, type LinkView } from '@app/contracts';
import { pollUntil } from '../../../../test/support/polling.js';
import {
  type AnalyticsHarness,
  clickOn,
  ingest,
  member,
  startAnalytics,
} from '../../test/analytics-harness.js';

/** Sales that name a click id the redirect handed out, recorded while that click's batch is being written. */
describe('Attribution of sales whose click is still being ingested (real Postgres)', () => {
  let analytics: AnalyticsHarness;

  beforeAll(async () => {
    analytics = await startAnalytics();
  }, 60_000);

  afterAll(async () => {
    await analytics?.close();
  });

  async function workspaceWithLink() {
    const owner = member(randomUUID(), 'owner');
    const link: LinkView = await analytics.rpc.send(
      LinkSubjects.create,
      { url: 'https://shop.example/', productId: randomUUID(), platform: 'pinterest', variant: 'A' },
      owner,
    );
    return { owner, link, workspaceId: owner.principal.workspaceId };
  }

  const sale = (
    owner: ReturnType<typeof member>,
    clickId: string,
    orderId: string,
  ): Promise<ConversionView> =>
    analytics.rpc.send(
      ConversionSubjects.record,
      { clickId, orderId, amountMinor: 1000, currency: 'USD' },
      owner,
    );

  async function unattributed(workspaceId: string): Promise<number> {
    const [row]: Array<{ n: number }> = await analytics.dataSource.query(
      'SELECT count(*)::int AS n FROM conversions WHERE workspace_id = $1 AND link_id IS NULL',
      [workspaceId],
    );
    return row.n;
  }

  it('attributes every sale whose click batch commits while the sale is recorded', async () => {
    const { owner, link, workspaceId } = await workspaceWithLink();
    // Each batch is mostly other visitors' clicks, as live traffic is, so it takes a while to write.
    const batches = Array.from({ length: 20 }, () => ({
      named: Array.from({ length: 10 }, () => clickOn(link, workspaceId)),
      others: Array.from({ length: 200 }, () => clickOn(link, workspaceId)),
    }));
    await Promise.all(
      batches.flatMap(({ named, others }, b) => [
        ingest(analytics.rpc, [...others, ...named]),
        ...named.map((click, i) => sale(owner, click.id, `race-${b}-${i}`)),
      ]),
    );
    expect(await unattributed(workspaceId)).toBe(0);
    const [row]: Array<{ n: number }> = await analytics.dataSource.query(
      'SELECT count(*)::int AS n FROM conversions WHERE workspace_id = $1 AND link_id = $2 AND platform = $3',
      [workspaceId, link.id, 'pinterest'],
    );
    expect(row.n).toBe(200);
  }, 60_000);

  it('attributes a sale committed after a click batch started writing and before it committed', async () => {
    const { owner, link, workspaceId } = await workspaceWithLink();
    const clickedAt = new Date().toISOString();
    await ingest(analytics.rpc, [clickOn(link, workspaceId, { clickedAt })]);
    // Holding the workspace's rollup rows stops the next batch of the same hour mid-statement: its snapshot is
    // taken and its clicks are written, but it cannot commit until the rows are released.
    const blocker = analytics.dataSource.createQueryRunner();
    await blocker.connect();
    try {
      await blocker.startTransaction();
      await blocker.query('SELECT 1 FROM click_rollups_hourly WHERE workspace_id = $1 FOR UPDATE', [
        workspaceId,
      ]);
      const click = clickOn(link, workspaceId, { clickedAt });
      const batch = ingest(analytics.rpc, [click]);
      await pollUntil(
        () =>
          analytics.dataSource.query(
            `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
               AND query LIKE '%json_to_recordset%'`,
          ) as Promise<unknown[]>,
        (waiting) => waiting.length === 1,
        'the click batch waiting for the rollup rows',
        10_000,
      );
      // The sale may finish now or wait for the batch; either way the batch is let go once the sale had time.
      const recorded = sale(owner, click.id, 'between');
      await Promise.race([recorded, new Promise((resolve) => setTimeout(resolve, 500))]);
      await blocker.commitTransaction();
      expect(await batch).toBe(1);
      expect(await recorded).toMatchObject({ clickId: click.id });
    } finally {
      if (blocker.isTransactionActive) await blocker.rollbackTransaction();
      await blocker.release();
    }
    expect(await unattributed(workspaceId)).toBe(0);
  }, 30_000);
});
