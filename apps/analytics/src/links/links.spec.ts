import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LinkSubjects, type PostTargetLinkDto } from '@app/contracts';
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

  describe('for post targets', () => {
    const target = (overrides: Partial<PostTargetLinkDto> = {}): PostTargetLinkDto => {
      const targetId = overrides.targetId ?? randomUUID();
      return {
        idempotencyKey: targetId,
        url: 'https://shop.example/lamp?size=m',
        postId: randomUUID(),
        targetId,
        connectionId: randomUUID(),
        platform: 'pinterest',
        ...overrides,
      };
    };

    const liveLinksWithKey = async (workspaceId: string, key: string) =>
      (
        await analytics.dataSource.query(
          'SELECT count(*)::int AS n FROM links WHERE workspace_id = $1 AND idempotency_key = $2 AND deleted_at IS NULL',
          [workspaceId, key],
        )
      )[0].n as number;

    it('makes a link on the short domain with UTM from platform, campaign and variant, recording every id', async () => {
      const owner = member();
      const input = target({
        productId: randomUUID(),
        campaignId: randomUUID(),
        campaignSlug: 'spring-sale',
        variant: 'B',
      });
      const link = await analytics.rpc.send(LinkSubjects.ensureForTarget, input, owner);
      expect(link.shortUrl).toBe(`https://sho.pc/l/${link.code}`);
      expect(link).toMatchObject({
        url: input.url,
        postId: input.postId,
        targetId: input.targetId,
        connectionId: input.connectionId,
        productId: input.productId,
        campaignId: input.campaignId,
        variant: 'B',
        platform: 'pinterest',
      });
      expect(Object.fromEntries(new URL(link.trackedUrl).searchParams)).toEqual({
        size: 'm',
        utm_source: 'pinterest',
        utm_medium: 'social',
        utm_campaign: 'spring-sale',
        utm_content: 'B',
      });

      const plain = await analytics.rpc.send(LinkSubjects.ensureForTarget, target({ platform: 'x' }), owner);
      expect(plain.utm).toEqual({ source: 'x', medium: 'social', campaign: 'post' });
      expect(new URL(plain.trackedUrl).searchParams.has('utm_content')).toBe(false);
      expect(plain).toMatchObject({ productId: null, campaignId: null, variant: null });
    });

    it('answers a retry with the same link, and takes a new destination without a new link', async () => {
      const owner = member();
      const input = target({ variant: 'A' });
      const first = await analytics.rpc.send(LinkSubjects.ensureForTarget, input, owner);
      const again = await analytics.rpc.send(LinkSubjects.ensureForTarget, input, owner);
      expect(again).toEqual(first);

      const moved = await analytics.rpc.send(
        LinkSubjects.ensureForTarget,
        { ...input, url: 'https://shop.example/lamp-v2' },
        owner,
      );
      expect(moved).toMatchObject({ id: first.id, code: first.code, url: 'https://shop.example/lamp-v2' });
      expect(moved.trackedUrl).toMatch(/^https:\/\/shop\.example\/lamp-v2\?utm_source=pinterest/);
      expect(await liveLinksWithKey(owner.principal.workspaceId, input.idempotencyKey)).toBe(1);
    });

    it('makes one link for concurrent duplicates of a request', async () => {
      const owner = member();
      const input = target();
      const links = await Promise.all(
        Array.from({ length: 12 }, () => analytics.rpc.send(LinkSubjects.ensureForTarget, input, owner)),
      );
      expect(new Set(links.map((link) => link.id)).size).toBe(1);
      expect(new Set(links.map((link) => link.code)).size).toBe(1);
      expect(await liveLinksWithKey(owner.principal.workspaceId, input.idempotencyKey)).toBe(1);
    });

    it('refuses the key with other attribution (409) and leaves its link as it was', async () => {
      const owner = member();
      const input = target({ variant: 'A' });
      const link = await analytics.rpc.send(LinkSubjects.ensureForTarget, input, owner);
      for (const other of [
        { variant: 'B' },
        { postId: randomUUID() },
        { connectionId: randomUUID() },
        { campaignId: randomUUID() },
        { platform: 'x' },
      ]) {
        await expect(
          analytics.rpc.send(
            LinkSubjects.ensureForTarget,
            { ...input, ...other, url: 'https://elsewhere.example/' },
            owner,
          ),
        ).rejects.toMatchObject({ status: 409 });
      }
      expect(await analytics.rpc.send(LinkSubjects.get, { id: link.id }, owner)).toEqual(link);
    });

    it('keeps keys per workspace, and makes a new link once the key’s link is deleted', async () => {
      const owner = member();
      const stranger = member();
      const input = target();
      const mine = await analytics.rpc.send(LinkSubjects.ensureForTarget, input, owner);
      const theirs = await analytics.rpc.send(LinkSubjects.ensureForTarget, input, stranger);
      expect(theirs.id).not.toBe(mine.id);
      await expect(analytics.rpc.send(LinkSubjects.get, { id: mine.id }, stranger)).rejects.toMatchObject({
        status: 404,
      });

      await analytics.rpc.send(LinkSubjects.delete, { id: mine.id }, owner);
      const renewed = await analytics.rpc.send(LinkSubjects.ensureForTarget, input, owner);
      expect(renewed.id).not.toBe(mine.id);
      expect(await liveLinksWithKey(owner.principal.workspaceId, input.idempotencyKey)).toBe(1);
    });

    it('refuses viewers (403) and malformed requests (400)', async () => {
      const owner = member();
      await expect(
        analytics.rpc.send(
          LinkSubjects.ensureForTarget,
          target(),
          member(owner.principal.workspaceId, 'viewer'),
        ),
      ).rejects.toMatchObject({ status: 403 });
      const malformed: Array<Partial<Record<keyof PostTargetLinkDto, unknown>>> = [
        { connectionId: undefined },
        { idempotencyKey: '' },
        { url: 'javascript:alert(1)' },
        { platform: 'Not A Platform' },
        { postId: 'post-1' },
      ];
      for (const change of malformed) {
        await expect(
          analytics.rpc.send(
            LinkSubjects.ensureForTarget,
            { ...target(), ...change } as PostTargetLinkDto,
            owner,
          ),
        ).rejects.toMatchObject({ status: 400 });
      }
      expect(await analytics.rpc.send(LinkSubjects.list, {}, owner)).toEqual([]);
    });
  });
});
