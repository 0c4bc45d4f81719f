import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import type { ClickRecord } from '@app/contracts';
import { openServiceDataSource, TransactionHost } from '@app/database';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { testConfig } from '../../../../test/support/test-config.js';
import { analyticsDatabase } from '../analytics.module.js';
import { ClicksRepository } from '../clicks/clicks.repository.js';

const LINKS = [randomUUID(), randomUUID(), randomUUID()];
// A visitor hash stands for an IP and user agent, which fix the country and device.
const VISITORS = [
  { hash: 'v1', country: 'FR', device: 'mobile' },
  { hash: 'v2', country: 'FR', device: 'desktop' },
  { hash: 'v3', country: 'US', device: 'mobile' },
  { hash: 'v4', country: null, device: 'tablet' },
];
const DAY0 = Date.UTC(2026, 10, 20);
const HOUR = 3_600_000;

interface ClickSpec {
  link: number;
  visitor: number;
  minute: number;
  isBot: boolean;
  referrer: string | null;
}

const clickSpec = fc.record({
  link: fc.nat(LINKS.length - 1),
  visitor: fc.nat(VISITORS.length - 1),
  minute: fc.nat(3 * 24 * 60 - 1),
  isBot: fc.boolean(),
  referrer: fc.constantFrom(null, 't.co', 'instagram.com'),
});

function toClick(spec: ClickSpec, workspaceId: string): ClickRecord {
  const visitor = VISITORS[spec.visitor];
  return {
    id: randomUUID(),
    linkId: LINKS[spec.link],
    workspaceId,
    clickedAt: new Date(DAY0 + spec.minute * 60_000).toISOString(),
    productId: null,
    postId: null,
    targetId: null,
    variant: null,
    platform: null,
    country: visitor.country,
    device: spec.isBot ? 'bot' : visitor.device,
    browser: null,
    os: null,
    referrerDomain: spec.referrer,
    isBot: spec.isBot,
    visitorHash: visitor.hash,
  };
}

type Counts = Map<string, { clicks: number; bots: number; uniques: Set<string> }>;

/** What the rollups must say, computed from the distinct clicks alone. */
function expected(clicks: ClickRecord[], unit: number): Counts {
  const counts: Counts = new Map();
  for (const click of clicks) {
    const bucket = Math.floor(Date.parse(click.clickedAt) / unit) * unit;
    const day = Math.floor(Date.parse(click.clickedAt) / (24 * HOUR));
    const values: Array<[string, string]> = [
      ['all', ''],
      ['link', click.linkId],
      ['country', click.country ?? ''],
      ['device', click.device],
      ['referrer', click.referrerDomain ?? ''],
      ['campaign', ''],
      ['link_country', `${click.linkId}:${click.country ?? ''}`],
      ['link_referrer', `${click.linkId}:${click.referrerDomain ?? ''}`],
    ];
    for (const [dimension, value] of values) {
      const key = `${dimension}|${value}|${bucket}`;
      const entry = counts.get(key) ?? { clicks: 0, bots: 0, uniques: new Set<string>() };
      if (click.isBot) entry.bots += 1;
      else {
        entry.clicks += 1;
        if (!dimension.endsWith('referrer')) entry.uniques.add(`${click.linkId}|${day}|${click.visitorHash}`);
      }
      counts.set(key, entry);
    }
  }
  return counts;
}

describe('click rollups equal the raw clicks, whatever the delivery order and redelivery', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let clicks: ClicksRepository;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openServiceDataSource(analyticsDatabase(testConfig({ DATABASE_URL: database.url })));
    clicks = new ClicksRepository(new TransactionHost(dataSource));
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  async function rollups(table: string, workspaceId: string) {
    const rows: Array<{
      dimension: string;
      value: string;
      bucket: Date;
      clicks: string;
      unique_clicks: string;
      bot_clicks: string;
    }> = await dataSource.query(
      `SELECT dimension, value, bucket, clicks, unique_clicks, bot_clicks FROM ${table}
         WHERE workspace_id = $1
           AND dimension IN ('all', 'link', 'country', 'device', 'referrer', 'campaign', 'link_country', 'link_referrer')`,
      [workspaceId],
    );
    return new Map(rows.map((row) => [`${row.dimension}|${row.value}|${row.bucket.getTime()}`, row]));
  }

  it('holds for hourly and daily rollups', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(clickSpec, { minLength: 1, maxLength: 25 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.integer({ min: 1, max: 7 }),
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        async (specs, redeliveries, batchSize, randomness) => {
          const workspaceId = randomUUID();
          const distinct = specs.map((spec) => toClick(spec, workspaceId));
          const deliveries = [...distinct, ...redeliveries.map((i) => distinct[i % distinct.length])];
          const keys = new Map(deliveries.map((click, i) => [i, randomness.next().value as number]));
          const ordered = deliveries
            .map((click, i) => ({ click, key: keys.get(i)! }))
            .sort((a, b) => a.key - b.key);
          let stored = 0;
          for (let i = 0; i < ordered.length; i += batchSize) {
            stored += await clicks.ingest(ordered.slice(i, i + batchSize).map((entry) => entry.click));
          }
          expect(stored).toBe(distinct.length);

          for (const [table, unit] of [
            ['click_rollups_hourly', HOUR],
            ['click_rollups_daily', 24 * HOUR],
          ] as const) {
            const actual = await rollups(table, workspaceId);
            const want = expected(distinct, unit);
            expect([...actual.keys()].sort()).toEqual([...want.keys()].sort());
            for (const [key, counts] of want) {
              const row = actual.get(key)!;
              expect([key, Number(row.clicks), Number(row.bot_clicks)]).toEqual([
                key,
                counts.clicks,
                counts.bots,
              ]);
              if (table === 'click_rollups_daily')
                expect([key, Number(row.unique_clicks)]).toEqual([key, counts.uniques.size]);
            }
          }
          // Hourly uniques sum to the daily ones (each visitor-day counted in the hour it was first stored).
          const hourlyUniques: Array<{ n: string }> = await dataSource.query(
            `SELECT coalesce(sum(unique_clicks), 0) AS n FROM click_rollups_hourly WHERE workspace_id = $1 AND dimension = 'all'`,
            [workspaceId],
          );
          const allDaily = [...expected(distinct, 24 * HOUR)].filter(([key]) => key.startsWith('all|'));
          expect(Number(hourlyUniques[0].n)).toBe(
            allDaily.reduce((sum, [, counts]) => sum + counts.uniques.size, 0),
          );
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
