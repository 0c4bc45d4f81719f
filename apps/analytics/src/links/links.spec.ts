import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LinkSubjects } from '@app/contracts';
import { type AnalyticsHarness, anonymous, member, startAnalytics } from '../../test/analytics-harness.js';

describe('Tracked links (analytics service on the in-process bus, real Postgres)', () => {
  let analytics: AnalyticsHarness;

  beforeAll(async () => {
    analytics = await startAnalytics();
  }, 60_000);

  afterAll(async () => {
    await analytics?.close();
  });

  it('creates a link with a random code, UTM values filled in, and the destination query kept', async () => {
    const call = member();
    const productId = randomUUID();
    const link = await analytics.rpc.send(
      LinkSubjects.create,
      { url: 'https://shop.example/p/1?color=red', productId, platform: 'instagram', variant: 'B' },
      call,
    );
    expect(link.code).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(link.shortUrl).toBe(`https://sho.pc/l/${link.code}`);
    const tracked = new URL(link.trackedUrl);
    expect(Object.fromEntries(tracked.searchParams)).toEqual({
      color: 'red',
      utm_source: 'instagram',
      utm_medium: 'social',
      utm_campaign: `product-${productId}`,
      utm_content: 'B',
    });
    const explicit = await analytics.rpc.send(
      LinkSubjects.create,
      { url: 'https://shop.example/', utm: { source: 'newsletter', campaign: 'spring' } },
      call,
    );
    expect(explicit.utm).toEqual({ source: 'newsletter', medium: 'social', campaign: 'spring' });
  });

  it('keeps aliases unique across workspaces and rejects bad input with 400', async () => {
    const alias = `spring-${randomUUID().slice(0, 8)}`;
    await analytics.rpc.send(LinkSubjects.create, { url: 'https://a.example/', alias }, member());
    await expect(
      analytics.rpc.send(LinkSubjects.create, { url: 'https://b.example/', alias }, member()),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      analytics.rpc.send(LinkSubjects.create, { url: 'javascript:alert(1)' }, member()),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      analytics.rpc.send(LinkSubjects.create, { url: 'https://a.example/', alias: 'a b' }, member()),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      analytics.rpc.send(
        LinkSubjects.create,
        { url: 'https://a.example/', expiresAt: '2001-01-01T00:00:00Z' },
        member(),
      ),
    ).rejects.toMatchObject({ status: 400, message: 'expiresAt must be in the future' });
  });

  it('lists, reads, changes and deletes only within the caller workspace', async () => {
    const owner = member();
    const stranger = member();
    const link = await analytics.rpc.send(LinkSubjects.create, { url: 'https://shop.example/' }, owner);

    await expect(analytics.rpc.send(LinkSubjects.get, { id: link.id }, stranger)).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      analytics.rpc.send(LinkSubjects.update, { id: link.id, patch: { isDisabled: true } }, stranger),
    ).rejects.toMatchObject({ status: 404 });
    await expect(analytics.rpc.send(LinkSubjects.delete, { id: link.id }, stranger)).rejects.toMatchObject({
      status: 404,
    });
    expect(await analytics.rpc.send(LinkSubjects.list, {}, stranger)).toEqual([]);
    expect((await analytics.rpc.send(LinkSubjects.list, {}, owner)).map((l) => l.id)).toEqual([link.id]);

    const viewer = member(owner.principal.workspaceId, 'viewer');
    await expect(
      analytics.rpc.send(LinkSubjects.update, { id: link.id, patch: { isDisabled: true } }, viewer),
    ).rejects.toMatchObject({ status: 403 });

    const changed = await analytics.rpc.send(
      LinkSubjects.update,
      { id: link.id, patch: { url: 'https://shop.example/new' } },
      owner,
    );
    expect(changed.url).toBe('https://shop.example/new');
    await expect(analytics.rpc.send(LinkSubjects.delete, { id: link.id }, owner)).resolves.toEqual({});
    await expect(analytics.rpc.send(LinkSubjects.get, { id: link.id }, owner)).rejects.toMatchObject({
      status: 404,
    });
  });

  it('resolves live codes for the redirect, and nothing for disabled or deleted links', async () => {
    const owner = member();
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const link = await analytics.rpc.send(
      LinkSubjects.create,
      { url: 'https://shop.example/x', expiresAt },
      owner,
    );
    const resolved = await analytics.rpc.send(LinkSubjects.resolve, { code: link.code }, anonymous());
    expect(resolved.link).toMatchObject({
      id: link.id,
      workspaceId: owner.principal.workspaceId,
      trackedUrl: link.trackedUrl,
      expiresAt,
    });

    await analytics.rpc.send(LinkSubjects.update, { id: link.id, patch: { isDisabled: true } }, owner);
    expect(
      (await analytics.rpc.send(LinkSubjects.resolve, { code: link.code }, anonymous())).link,
    ).toBeNull();
    await analytics.rpc.send(LinkSubjects.update, { id: link.id, patch: { isDisabled: false } }, owner);
    await analytics.rpc.send(LinkSubjects.delete, { id: link.id }, owner);
    expect(
      (await analytics.rpc.send(LinkSubjects.resolve, { code: link.code }, anonymous())).link,
    ).toBeNull();
    expect(
      (await analytics.rpc.send(LinkSubjects.resolve, { code: 'nosuchcode' }, anonymous())).link,
    ).toBeNull();
  });
});
