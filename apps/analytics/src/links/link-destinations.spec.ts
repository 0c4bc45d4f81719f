import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LinkSubjects } from '@app/contracts';
import { type AnalyticsHarness, member, startAnalytics } from '../../test/analytics-harness.js';
import { DestinationPolicy } from './destination-policy.js';

describe('DestinationPolicy', () => {
  const policy = new DestinationPolicy({ blockedDomains: ['*.Scam.example.'], allowedDomains: [] });

  it('refuses a blocked domain and its subdomains in any case, and nothing that only ends like it', () => {
    expect(policy.refusal('https://bit.ly/x')).toContain('bit.ly');
    expect(policy.refusal('https://WWW.Bit.Ly./x')).toContain('www.bit.ly');
    expect(policy.refusal('https://scam.example/')).toContain('scam.example is a blocked domain');
    expect(policy.refusal('https://a.b.scam.example/')).toContain('a.b.scam.example');
    expect(policy.refusal('https://evil-bit.ly.shop.example/')).toBeNull();
    expect(policy.refusal('https://notscam.example/')).toBeNull();
    expect(policy.refusal('https://shop.example/bit.ly')).toBeNull();
  });
});

describe('Link destinations (analytics service, real Postgres)', () => {
  let analytics: AnalyticsHarness;
  const owner = member(randomUUID(), 'owner');

  beforeAll(async () => {
    analytics = await startAnalytics({
      LINK_BLOCKED_DOMAINS: 'scam.example',
      // The blocklist wins over the allowlist.
      LINK_ALLOWED_DOMAINS: 'shop.example, scam.example, bit.ly',
    });
  }, 60_000);

  afterAll(async () => {
    await analytics?.close();
  });

  const create = (url: string) => analytics.rpc.send(LinkSubjects.create, { url }, owner);

  it('refuses a destination on the blocklist or off the allowlist with a 400 naming its domain', async () => {
    await expect(create('https://bit.ly/3xYz')).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('bit.ly'),
    });
    await expect(create('https://login.scam.example/')).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('login.scam.example'),
    });
    await expect(create('https://elsewhere.example/')).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('elsewhere.example'),
    });
    expect(await create('https://eu.shop.example/p/1')).toMatchObject({ url: 'https://eu.shop.example/p/1' });
    expect(await analytics.rpc.send(LinkSubjects.list, {}, owner)).toHaveLength(1);
  });

  it('checks the destination again on each edit, and leaves the link unchanged when refused', async () => {
    const link = await create('https://shop.example/a');
    const update = (patch: object) => analytics.rpc.send(LinkSubjects.update, { id: link.id, patch }, owner);
    await expect(update({ url: 'https://sub.bit.ly/x' })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('sub.bit.ly'),
    });
    expect(await analytics.rpc.send(LinkSubjects.get, { id: link.id }, owner)).toMatchObject({
      url: 'https://shop.example/a',
    });
    expect(await update({ url: 'https://shop.example/b' })).toMatchObject({ url: 'https://shop.example/b' });
  });

  it("refuses a post target's link to a blocked domain with a 400 naming it", async () => {
    const targetId = randomUUID();
    const input = {
      idempotencyKey: targetId,
      url: 'https://tinyurl.com/abc',
      postId: randomUUID(),
      targetId,
      connectionId: randomUUID(),
      platform: 'pinterest',
    };
    await expect(analytics.rpc.send(LinkSubjects.ensureForTarget, input, owner)).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('tinyurl.com'),
    });
  });
});
