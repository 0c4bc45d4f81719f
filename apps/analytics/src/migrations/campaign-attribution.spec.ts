import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openServiceDataSource, TransactionHost } from '@app/database';
import { systemContext } from '@app/messaging';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { testConfig } from '../../../../test/support/test-config.js';
import { analyticsDatabase } from '../analytics.module.js';
import { DashboardRepository } from '../dashboard/dashboard.repository.js';
import { DashboardService } from '../dashboard/dashboard.service.js';
import { CampaignAttribution1764000000000 } from './1764000000000-CampaignAttribution.js';
import { ANALYTICS_MIGRATIONS } from './index.js';

const DAY = Date.UTC(2026, 10, 20);
const HOUR = 3_600_000;

/** Clicks stored before links had campaigns count in the new rollup dimensions once the migration has run. */
describe('CampaignAttribution migration over clicks already stored', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const workspaceId = randomUUID();
  const postId = randomUUID();
  const linkId = randomUUID();
  const otherLinkId = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase();
    const options = analyticsDatabase(testConfig({ DATABASE_URL: database.url }));
    const before = await openServiceDataSource({
      ...options,
      migrations: ANALYTICS_MIGRATIONS.filter((migration) => migration !== CampaignAttribution1764000000000),
    });
    await before.query(
      `INSERT INTO links (id, workspace_id, code, url, post_id, platform, utm)
       VALUES ($1, $3, 'oldcode1', 'https://shop.example/', $4, 'instagram', '{}'),
              ($2, $3, 'oldcode2', 'https://shop.example/', NULL, 'x', '{}')`,
      [linkId, otherLinkId, workspaceId, postId],
    );
    const click = (link: string, hour: number, visitor: string, country: string, isBot = false) =>
      before.query(
        `INSERT INTO clicks (id, workspace_id, link_id, clicked_at, post_id, country, device, is_bot, visitor_hash)
         VALUES ($1, $2, $3, $4, $5, $6, 'mobile', $7, $8)`,
        [
          randomUUID(),
          workspaceId,
          link,
          new Date(DAY + hour * HOUR + 60_000),
          link === linkId ? postId : null,
          country,
          isBot,
          visitor,
        ],
      );
    await click(linkId, 10, 'v1', 'FR');
    await click(linkId, 11, 'v1', 'FR');
    await click(linkId, 11, 'v2', 'DE');
    await click(linkId, 11, 'bot', 'US', true);
    await click(otherLinkId, 11, 'v3', 'FR');
    // Some of the rollups the old ingestion kept: the whole workspace's, and each link's.
    await before.query(
      `INSERT INTO click_rollups_hourly (workspace_id, dimension, value, bucket, clicks, unique_clicks, bot_clicks)
       VALUES ($1, 'all', '', $2, 1, 1, 0), ($1, 'all', '', $3, 3, 2, 1)`,
      [workspaceId, new Date(DAY + 10 * HOUR), new Date(DAY + 11 * HOUR)],
    );
    await before.query(
      `INSERT INTO click_rollups_daily (workspace_id, dimension, value, bucket, clicks, unique_clicks, bot_clicks)
       VALUES ($1, 'link', $2, $4, 3, 2, 1), ($1, 'link', $3, $4, 1, 1, 0)`,
      [workspaceId, linkId, otherLinkId, new Date(DAY)],
    );
    await before.destroy();
    dataSource = await openServiceDataSource(options);
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  type Row = { value: string; bucket: number; clicks: number; uniques: number; bots: number };
  const inOrder = (rows: Row[]) =>
    [...rows].sort((a, b) => a.bucket - b.bucket || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const rollup = async (table: string, dimension: string) =>
    inOrder(
      (
        (await dataSource.query(
          `SELECT value, bucket, clicks::int, unique_clicks::int AS uniques, bot_clicks::int AS bots FROM ${table}
           WHERE workspace_id = $1 AND dimension = $2`,
          [workspaceId, dimension],
        )) as Array<Omit<Row, 'bucket'> & { bucket: Date }>
      ).map((row) => ({ ...row, bucket: row.bucket.getTime() })),
    );

  it('counts every stored click under no campaign and no connection', async () => {
    const all = await rollup('click_rollups_hourly', 'all');
    expect(await rollup('click_rollups_hourly', 'campaign')).toEqual(all);
    expect(await rollup('click_rollups_hourly', 'connection')).toEqual(all);
  });

  it('rolls the stored clicks up per link and country, a visitor once per link and day', async () => {
    expect(await rollup('click_rollups_hourly', 'link_country')).toEqual(
      inOrder([
        { value: `${linkId}:FR`, bucket: DAY + 10 * HOUR, clicks: 1, uniques: 1, bots: 0 },
        { value: `${linkId}:DE`, bucket: DAY + 11 * HOUR, clicks: 1, uniques: 1, bots: 0 },
        { value: `${linkId}:FR`, bucket: DAY + 11 * HOUR, clicks: 1, uniques: 0, bots: 0 },
        { value: `${linkId}:US`, bucket: DAY + 11 * HOUR, clicks: 0, uniques: 0, bots: 1 },
        { value: `${otherLinkId}:FR`, bucket: DAY + 11 * HOUR, clicks: 1, uniques: 1, bots: 0 },
      ]),
    );
    expect(await rollup('click_rollups_daily', 'link_country')).toEqual(
      inOrder([
        { value: `${linkId}:DE`, bucket: DAY, clicks: 1, uniques: 1, bots: 0 },
        { value: `${linkId}:FR`, bucket: DAY, clicks: 2, uniques: 1, bots: 0 },
        { value: `${linkId}:US`, bucket: DAY, clicks: 0, uniques: 0, bots: 1 },
        { value: `${otherLinkId}:FR`, bucket: DAY, clicks: 1, uniques: 1, bots: 0 },
      ]),
    );
  });

  it('answers a report narrowed to a post by country from those rows', async () => {
    const dashboard = new DashboardService(new DashboardRepository(new TransactionHost(dataSource)));
    const window = { from: new Date(DAY).toISOString(), to: new Date(DAY + 24 * HOUR).toISOString() };
    const byCountry = await dashboard.breakdown(systemContext(workspaceId), {
      ...window,
      by: 'country',
      postId,
    });
    expect(byCountry.rows.map((row) => [row.key, row.clicks, row.uniqueClicks])).toEqual([
      ['FR', 2, 1],
      ['DE', 1, 1],
      ['US', 0, 0],
    ]);
    const summary = await dashboard.summary(systemContext(workspaceId), { ...window, postId });
    expect(summary).toMatchObject({ clicks: 3, uniqueClicks: 2, botClicks: 1 });
  });
});
