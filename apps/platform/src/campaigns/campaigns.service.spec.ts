import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CampaignSubjects, ConnectionSubjects, PostSubjects, type Role } from '@app/contracts';
import type { CallContext, RpcClient } from '@app/messaging';
import { statusOf } from '../../../../test/support/domain-errors.js';
import { callAs, type PlatformHarness, startPlatform } from '../../test/platform-harness.js';

let platform: PlatformHarness;
let rpc: RpcClient;
const workspaceId = randomUUID();
const HOUR = 3_600_000;

const as = (role: Role = 'owner', workspace = workspaceId): CallContext => callAs(role, workspace);

/** Tokyo has no DST: 09:00 and 21:00 there are 00:00 and 12:00 UTC, so the slots are easy to predict. */
function tokyoSlotsAfter(now: number, count: number): string[] {
  const slots: string[] = [];
  let at = Math.ceil((now + 1) / (12 * HOUR)) * 12 * HOUR;
  while (slots.length < count) {
    slots.push(new Date(at).toISOString());
    at += 12 * HOUR;
  }
  return slots;
}

beforeAll(async () => {
  platform = await startPlatform({ database: 'shopcast_campaigns' });
  rpc = platform.rpc;
}, 60_000);

afterAll(async () => {
  await platform?.close();
}, 60_000);

describe('campaigns', () => {
  it('fills the next free slot per connection, keeps the review gate, and filters posts by campaign', async () => {
    const shop = await rpc.send(ConnectionSubjects.create, { platform: 'manual', name: 'Shop' }, as());
    const blog = await rpc.send(ConnectionSubjects.create, { platform: 'manual', name: 'Blog' }, as());
    const outside = await rpc.send(ConnectionSubjects.create, { platform: 'manual', name: 'Other' }, as());
    const schedule = {
      timezone: 'Asia/Tokyo',
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const,
      times: ['21:00', '09:00'],
    };
    const startedAt = Date.now();
    const campaign = await rpc.send(
      CampaignSubjects.create,
      {
        name: 'Summer lamps',
        tags: ['summer'],
        connectionIds: [shop.id, blog.id],
        schedule: { ...schedule, days: [...schedule.days] },
      },
      as('editor'),
    );
    const expected = tokyoSlotsAfter(startedAt, 3);
    expect(campaign).toMatchObject({ name: 'Summer lamps', tags: ['summer'], nextFreeSlotAt: expected[0] });
    expect(campaign.schedule.times).toEqual(['09:00', '21:00']);

    const add = (connectionIds: string[], extra: object = {}) =>
      rpc.send(
        PostSubjects.create,
        {
          campaignId: campaign.id,
          targets: connectionIds.map((connectionId) => ({ connectionId, text: 'Lamp' })),
          ...extra,
        },
        as(),
      );
    const first = await add([shop.id]);
    expect(first.scheduledAt).toBe(expected[0]);
    expect(first.campaignId).toBe(campaign.id);
    expect(first.targets[0]).toMatchObject({ status: 'scheduled', dueAt: expected[0] });

    const onBlog = await add([blog.id]);
    expect(onBlog.scheduledAt).toBe(expected[0]);
    const both = await add([shop.id, blog.id]);
    expect(both.scheduledAt).toBe(expected[1]);

    const reviewed = await add([blog.id], { requireReview: true });
    expect(reviewed.scheduledAt).toBe(expected[2]);
    expect(reviewed.targets[0].status).toBe('needs_review');
    const approved = await rpc.send(PostSubjects.approve, { id: reviewed.id }, as('admin'));
    expect(approved.targets[0]).toMatchObject({ status: 'scheduled', dueAt: expected[2] });

    // A cancelled post frees its slot.
    await rpc.send(PostSubjects.cancel, { id: first.id }, as());
    expect((await add([shop.id])).scheduledAt).toBe(expected[0]);

    const listed = await rpc.send(PostSubjects.list, { campaignId: campaign.id, limit: 100 }, as());
    expect(listed).toHaveLength(5);
    await rpc.send(PostSubjects.create, { targets: [{ connectionId: shop.id, text: 'Not in it' }] }, as());
    expect(await rpc.send(PostSubjects.list, { campaignId: campaign.id, limit: 100 }, as())).toHaveLength(5);

    expect(await statusOf(add([outside.id]))).toBe(400);
  }, 60_000);

  it('validates the schedule and keeps campaigns to their workspace and writers', async () => {
    const shop = await rpc.send(ConnectionSubjects.create, { platform: 'manual', name: 'Shop' }, as());
    const body = {
      name: 'Autumn',
      connectionIds: [shop.id],
      schedule: { timezone: 'Europe/Paris', days: ['mon' as const], times: ['10:00'] },
    };
    expect(
      await statusOf(
        rpc.send(
          CampaignSubjects.create,
          { ...body, schedule: { ...body.schedule, timezone: 'Mars/Base' } },
          as(),
        ),
      ),
    ).toBe(400);
    expect(
      await statusOf(
        rpc.send(
          CampaignSubjects.create,
          { ...body, schedule: { ...body.schedule, times: ['25:00'] } },
          as(),
        ),
      ),
    ).toBe(400);
    expect(await statusOf(rpc.send(CampaignSubjects.create, body, as('viewer')))).toBe(403);
    expect(
      await statusOf(rpc.send(CampaignSubjects.create, { ...body, connectionIds: [randomUUID()] }, as())),
    ).toBe(404);

    const campaign = await rpc.send(CampaignSubjects.create, body, as());
    const otherWorkspace = randomUUID();
    expect(
      await statusOf(rpc.send(CampaignSubjects.get, { id: campaign.id }, as('owner', otherWorkspace))),
    ).toBe(404);
    expect(
      await statusOf(
        rpc.send(CampaignSubjects.update, { id: campaign.id, name: 'Mine' }, as('owner', otherWorkspace)),
      ),
    ).toBe(404);
    expect(await rpc.send(CampaignSubjects.list, {}, as('owner', otherWorkspace))).toEqual([]);
    const theirs = await rpc.send(
      ConnectionSubjects.create,
      { platform: 'manual', name: 'Theirs' },
      as('owner', otherWorkspace),
    );
    expect(
      await statusOf(
        rpc.send(
          PostSubjects.create,
          { campaignId: campaign.id, targets: [{ connectionId: theirs.id, text: 'x' }] },
          as('owner', otherWorkspace),
        ),
      ),
    ).toBe(404);
    expect(
      await statusOf(
        rpc.send(CampaignSubjects.update, { id: campaign.id, name: 'Viewer edit' }, as('viewer')),
      ),
    ).toBe(403);

    const updated = await rpc.send(
      CampaignSubjects.update,
      {
        id: campaign.id,
        name: 'Autumn sale',
        schedule: { timezone: 'America/New_York', days: ['fri'], times: ['18:30'] },
      },
      as('editor'),
    );
    expect(updated).toMatchObject({ name: 'Autumn sale', schedule: { timezone: 'America/New_York' } });
    const next = new Date(updated.nextFreeSlotAt as string);
    const local = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(next);
    expect(local).toBe('Fri 18:30');
    expect((await rpc.send(CampaignSubjects.list, {}, as('viewer'))).map((item) => item.id)).toContain(
      campaign.id,
    );
  }, 60_000);

  it('deletes a campaign for writers of its workspace only; its posts stay scheduled, outside it', async () => {
    const shop = await rpc.send(ConnectionSubjects.create, { platform: 'manual', name: 'Shop' }, as());
    const campaign = await rpc.send(
      CampaignSubjects.create,
      {
        name: 'Winter',
        connectionIds: [shop.id],
        schedule: { timezone: 'Asia/Tokyo', days: ['mon'], times: ['09:00'] },
      },
      as(),
    );
    const post = await rpc.send(
      PostSubjects.create,
      { campaignId: campaign.id, targets: [{ connectionId: shop.id, text: 'Scarf' }] },
      as(),
    );
    const remove = (call: CallContext) =>
      statusOf(rpc.send(CampaignSubjects.delete, { id: campaign.id }, call));
    expect(await remove(as('viewer'))).toBe(403);
    expect(await remove(as('owner', randomUUID()))).toBe(404);
    expect(await statusOf(rpc.send(CampaignSubjects.delete, { id: 'not-a-uuid' }, as()))).toBe(400);

    await rpc.send(CampaignSubjects.delete, { id: campaign.id }, as('editor'));
    expect(await statusOf(rpc.send(CampaignSubjects.get, { id: campaign.id }, as()))).toBe(404);
    expect(await remove(as())).toBe(404);
    const kept = await rpc.send(PostSubjects.get, { id: post.id }, as());
    expect(kept).toMatchObject({ campaignId: null, scheduledAt: post.scheduledAt });
    expect(kept.targets[0]).toMatchObject({ status: 'scheduled', dueAt: post.scheduledAt });
  }, 60_000);
});
