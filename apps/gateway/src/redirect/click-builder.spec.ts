import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { ResolvedLink } from '@app/contracts';
import { buildMmdb } from '../../../../test/support/mmdb-writer.js';
import { testConfig } from '../../../../test/support/test-config.js';
import { isBotVisit } from './bot-detector.js';
import { ClickBuilder, type Visit } from './click-builder.js';
import { MaxmindCountryLookup, openCountryLookup } from './country-lookup.js';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const DESKTOP_CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const PREVIEWS = [
  'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)',
  'Twitterbot/1.0',
  'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
  'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
  'TelegramBot (like TwitterBot)',
  'WhatsApp/2.23.20.0',
  'Pinterest/0.2 (+https://www.pinterest.com/bot.html)',
  'redditbot/1.0',
  'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5',
  'Mozilla/5.0 (compatible; Embedly/0.2; +http://support.embed.ly/)',
  'Iframely/1.3.1 (+https://iframely.com/docs/about)',
  'Mastodon/4.2.0 (http.rb/5.1.1; +https://mastodon.social/)',
  'Googlebot/2.1 (+http://www.google.com/bot.html)',
];

const link: ResolvedLink = {
  id: randomUUID(),
  workspaceId: randomUUID(),
  trackedUrl: 'https://shop.example/?utm_source=x',
  productId: randomUUID(),
  postId: null,
  targetId: null,
  variant: 'A',
  platform: 'instagram',
  expiresAt: null,
};

const visit = (overrides: Partial<Visit> = {}): Visit => ({
  method: 'GET',
  ip: '203.0.113.9',
  userAgent: IPHONE,
  referer: 'https://www.instagram.com/p/abc',
  country: 'fr',
  now: Date.UTC(2026, 10, 22, 10),
  ...overrides,
});

describe('ClickBuilder', () => {
  const builder = new ClickBuilder(testConfig({ VISITOR_HASH_SECRET: 'test-secret' }).links);

  it('flags link-preview crawlers, known bots, empty agents and every HEAD request', () => {
    for (const agent of PREVIEWS) expect([agent, isBotVisit('GET', agent)]).toEqual([agent, true]);
    expect(isBotVisit('GET', undefined)).toBe(true);
    expect(isBotVisit('HEAD', IPHONE)).toBe(true);
    expect(isBotVisit('GET', IPHONE)).toBe(false);
    expect(isBotVisit('GET', DESKTOP_CHROME)).toBe(false);
    expect(builder.build(link, visit({ method: 'HEAD' }))).toMatchObject({ isBot: true, device: 'bot' });
  });

  it('records device, browser, OS, country, referrer domain and the link attributes', () => {
    expect(builder.build(link, visit())).toMatchObject({
      linkId: link.id,
      workspaceId: link.workspaceId,
      productId: link.productId,
      variant: 'A',
      platform: 'instagram',
      device: 'mobile',
      browser: 'Mobile Safari',
      os: 'iOS',
      country: 'FR',
      referrerDomain: 'instagram.com',
      isBot: false,
      clickedAt: '2026-11-22T10:00:00.000Z',
    });
    expect(
      builder.build(link, visit({ userAgent: DESKTOP_CHROME, country: 'XX-bogus', referer: 'nonsense' })),
    ).toMatchObject({
      device: 'desktop',
      browser: 'Chrome',
      os: 'Windows',
      country: null,
      referrerDomain: null,
    });
  });

  it('hashes a visitor alike within a UTC day and differently the next day, never storing the IP', () => {
    const first = builder.build(link, visit());
    const later = builder.build(link, visit({ now: Date.UTC(2026, 10, 22, 23, 59) }));
    const nextDay = builder.build(link, visit({ now: Date.UTC(2026, 10, 23, 0, 1) }));
    const otherIp = builder.build(link, visit({ ip: '203.0.113.10' }));
    expect(later.visitorHash).toBe(first.visitorHash);
    expect(nextDay.visitorHash).not.toBe(first.visitorHash);
    expect(otherIp.visitorHash).not.toBe(first.visitorHash);
    expect(JSON.stringify(first)).not.toContain('203.0.113');
    expect(first.id).not.toBe(later.id);
  });
});

describe('country from the offline GeoIP database', () => {
  // A stand-in for maxmind's Reader: the same `get(ip)` shape, answering from a fixed table.
  const reader = {
    get: (ip: string) => ({ '198.51.100.7': { country: { iso_code: 'DE' } }, '2001:db8::1': {} })[ip] ?? null,
  } as ConstructorParameters<typeof MaxmindCountryLookup>[0];
  const config = testConfig({ VISITOR_HASH_SECRET: 'test-secret' }).links;
  const builder = new ClickBuilder(config, new MaxmindCountryLookup(reader));

  it('uses the trusted header first and the database when the header gives no country', () => {
    expect(builder.build(link, visit({ ip: '198.51.100.7', country: 'fr' })).country).toBe('FR');
    expect(builder.build(link, visit({ ip: '198.51.100.7', country: undefined })).country).toBe('DE');
    expect(builder.build(link, visit({ ip: '198.51.100.7', country: 'XX-bogus' })).country).toBe('DE');
  });

  it('stores no country for an address the database does not know, and never the IP itself', () => {
    expect(builder.build(link, visit({ ip: '203.0.113.9', country: undefined })).country).toBeNull();
    expect(builder.build(link, visit({ ip: '2001:db8::1', country: undefined })).country).toBeNull();
    expect(builder.build(link, visit({ ip: 'not-an-ip', country: undefined })).country).toBeNull();
    expect(
      JSON.stringify(builder.build(link, visit({ ip: '198.51.100.7', country: undefined }))),
    ).not.toContain('198.51.100');
  });

  it('is off when GEOIP_DATABASE_PATH is unset, and a missing or unreadable file stops the start', async () => {
    expect(testConfig({}).links.geoipDatabasePath).toBeUndefined();
    expect(testConfig({ GEOIP_DATABASE_PATH: '/tmp/x.mmdb' }).links.geoipDatabasePath).toBe('/tmp/x.mmdb');
    await expect(openCountryLookup(undefined)).resolves.toBeUndefined();
    await expect(openCountryLookup('/nonexistent/GeoLite2-Country.mmdb')).rejects.toThrow(
      /^GEOIP_DATABASE_PATH: cannot open the GeoIP database at \/nonexistent\/GeoLite2-Country\.mmdb/,
    );
    // A file that is there but is not a MaxMind database.
    await expect(openCountryLookup(new URL(import.meta.url).pathname)).rejects.toThrow(
      /^GEOIP_DATABASE_PATH: /,
    );
  });

  it('reads countries from a real MaxMind database file through the maxmind package', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shopcast-geoip-'));
    try {
      const path = join(dir, 'GeoLite2-Country.mmdb');
      await writeFile(
        path,
        buildMmdb({
          '198.51.100.0/24': { country: { iso_code: 'DE' } },
          '203.0.113.7/32': { country: { iso_code: 'JP' } },
        }),
      );
      const fromFile = new ClickBuilder(config, await openCountryLookup(path));
      const countryOf = (ip: string, header?: string) =>
        fromFile.build(link, visit({ ip, country: header })).country;
      expect(countryOf('198.51.100.200')).toBe('DE');
      expect(countryOf('203.0.113.7')).toBe('JP');
      expect(countryOf('203.0.113.8')).toBeNull();
      expect(countryOf('198.51.100.200', 'fr')).toBe('FR');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
