import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { ResolvedLink } from '@app/contracts';
import { testConfig } from '../../../../test/support/test-config.js';
import { isBotVisit } from './bot-detector.js';
import { ClickBuilder, type Visit } from './click-builder.js';

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
