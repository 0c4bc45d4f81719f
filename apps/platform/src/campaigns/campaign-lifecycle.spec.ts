import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { CampaignSubjects, ConnectionSubjects, PostSubjects, type PostView, type Role } from '@app/contracts';
import type { CallContext } from '@app/messaging';
import { domainErrorOf, statusOf } from '../../../../test/support/domain-errors.js';
import { callAs, platformForSuite } from '../../test/platform-harness.js';
import { Publisher } from '../publishing/publisher.js';
import { PublishingSweep } from '../publishing/publishing-sweep.js';

const suite = platformForSuite({ database: 'shopcast_campaign_lifecycle', env: { LOG_LEVEL: 'error' } });
const { rpc } = suite;
const workspaceId = randomUUID();
const HOUR = 3_600_000;

const as = (role: Role = 'owner', workspace = workspaceId): CallContext => callAs(role, workspace);

/** Tokyo keeps no DST: 09:00 and 21:00 there are 00:00 and 12:00 UTC. */
function tokyoSlotsAfter(now: number, count: number): string[] {
  const first = Math.ceil((now + 1) / (12 * HOUR)) * 12 * HOUR;
  return Array.from({ length: count }, (_, index) => new Date(first + index * 12 * HOUR).toISOString());
}

async function connection(platform: 'manual' | 'webhook') {
  const config = platform === 'webhook' ? { config: { url: 'http://127.0.0.1:9/never-called' } } : {};
  return rpc.send(ConnectionSubjects.create, { platform, name: `A ${platform}`, ...config }, as());
}

async function twiceDaily(connectionIds: string[]) {
  return rpc.send(
    CampaignSubjects.create,
    {
      name: 'Lamps all month',
      connectionIds,
      schedule: {
        timezone: 'Asia/Tokyo',
        days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        times: ['09:00', '21:00'],
      },
    },
    as('editor'),
  );
}

function addPost(campaignId: string, connectionId: string, text: string, requireReview = false) {
  return rpc.send(
    PostSubjects.create,
    { campaignId, targets: [{ connectionId, text }], requireReview },
    as(),
  );
}

const postOf = (id: string) => rpc.send(PostSubjects.get, { id }, as());

/** The publish jobs pg-boss holds for the target (created or waiting), by key `<targetId>@<dueAt ms>`. */
async function queuedJobs(targetId: string): Promise<string[]> {
  const rows: Array<{ singleton_key: string }> = await suite.platform.dataSource.query(
    `SELECT singleton_key FROM platform.job WHERE name = 'publish-target' AND singleton_key LIKE $1 AND state = 'created'`,
    [`${targetId}@%`],
  );
  return rows.map((row) => row.singleton_key);
}

describe('campaign lifecycle', () => {
  it('pauses, resumes and completes for writers, and answers 409 to transitions that make no sense', async () => {
    const shop = await connection('manual');
    const campaign = await twiceDaily([shop.id]);
    expect(campaign.status).toBe('active');
    const move = (action: 'pause' | 'resume' | 'complete', call: CallContext = as('editor')) =>
      rpc.send(CampaignSubjects[action], { id: campaign.id }, call);

    expect(await statusOf(move('pause', as('viewer')))).toBe(403);
    expect(await statusOf(move('pause', as('owner', randomUUID())))).toBe(404);
    expect(await statusOf(rpc.send(CampaignSubjects.pause, { id: 'nope' }, as()))).toBe(400);
    expect(await statusOf(move('resume'))).toBe(409);

    const paused = await move('pause');
    expect(paused).toMatchObject({ status: 'paused', nextFreeSlotAt: null });
    expect((await domainErrorOf(move('pause'))).message).toMatch(/already paused/);
    const refused = await domainErrorOf(addPost(campaign.id, shop.id, 'While paused'));
    expect({ status: refused.status, message: refused.message }).toEqual({
      status: 409,
      message: 'The campaign "Lamps all month" is paused: resume it to add posts',
    });

    const resumed = await move('resume');
    expect(resumed.status).toBe('active');
    expect(resumed.nextFreeSlotAt).toBe(tokyoSlotsAfter(Date.now(), 1)[0]);
    expect((await domainErrorOf(move('resume'))).message).toMatch(/is not paused/);

    expect((await move('complete')).status).toBe('completed');
    for (const action of ['pause', 'resume', 'complete'] as const) {
      const error = await domainErrorOf(move(action));
      expect({ status: error.status, message: error.message }).toEqual({
        status: 409,
        message: expect.stringMatching(/completed/),
      });
    }
    expect(await statusOf(addPost(campaign.id, shop.id, 'Too late'))).toBe(409);
    expect((await rpc.send(CampaignSubjects.get, { id: campaign.id }, as('viewer'))).status).toBe(
      'completed',
    );
  }, 60_000);

  it('holds every open slot while paused: a publish job already queued, or the overdue sweep, never sends it', async () => {
    const hook = await connection('webhook');
    const shop = await connection('manual');
    const campaign = await twiceDaily([hook.id, shop.id]);
    const queued = await addPost(campaign.id, hook.id, 'Queued for the hook');
    const target = queued.targets[0];
    expect(target.status).toBe('scheduled');
    expect(await queuedJobs(target.id)).toEqual([
      `${target.id}@${new Date(target.dueAt as string).getTime()}`,
    ]);
    const reviewed = await addPost(campaign.id, shop.id, 'Awaits review', true);
    const done = await addPost(campaign.id, shop.id, 'Went out by hand');
    await rpc.send(PostSubjects.markPublished, { id: done.id, url: 'https://shop.example/p/1' }, as());

    await rpc.send(CampaignSubjects.pause, { id: campaign.id }, as('editor'));
    const held = await postOf(queued.id);
    expect(held.targets[0]).toMatchObject({
      status: 'paused',
      dueAt: target.dueAt,
      holdReason: 'The campaign is paused',
    });
    expect((await postOf(reviewed.id)).targets[0].status).toBe('paused');
    expect((await postOf(done.id)).targets[0].status).toBe('published');
    const listed = await rpc.send(PostSubjects.list, { campaignId: campaign.id, status: 'paused' }, as());
    expect(listed.map((post) => post.id).sort()).toEqual([queued.id, reviewed.id].sort());

    for (const attempt of [
      rpc.send(PostSubjects.schedule, { id: queued.id }, as()),
      rpc.send(PostSubjects.approve, { id: reviewed.id }, as()),
      rpc.send(PostSubjects.reject, { id: reviewed.id }, as()),
    ]) {
      const error = await domainErrorOf(attempt);
      expect({ status: error.status, message: error.message }).toEqual({
        status: 409,
        message: 'This post belongs to a paused campaign: resume the campaign first',
      });
    }
    const edited = await rpc.send(
      PostSubjects.update,
      { id: queued.id, targets: [{ id: target.id, text: 'Edited while paused' }] },
      as(),
    );
    expect(edited.targets[0]).toMatchObject({ status: 'paused', text: 'Edited while paused' });

    // Its slot passes while the campaign is paused: the job queued for it fires, and the sweep looks for overdue targets.
    await suite.platform.dataSource.query(
      `UPDATE post_targets SET due_at = now() - interval '10 minutes' WHERE id = $1`,
      [target.id],
    );
    await suite.platform.service.app.get(Publisher).dispatch(target.id);
    await suite.platform.service.app.get(PublishingSweep).sweep();
    await suite.platform.service.app.get(Publisher).dispatch(target.id);
    expect((await postOf(queued.id)).targets[0].status).toBe('paused');
    const attempts = await suite.platform.dataSource.query(
      'SELECT id FROM publish_attempts WHERE target_id = $1',
      [target.id],
    );
    expect(attempts).toEqual([]);
  }, 60_000);

  it('resumes from now: paused posts take the first free slots in their order, and need approval again if unreviewed', async () => {
    const hook = await connection('webhook');
    const campaign = await twiceDaily([hook.id]);
    const first = await addPost(campaign.id, hook.id, 'First');
    const second = await addPost(campaign.id, hook.id, 'Second');
    const unreviewed = await addPost(campaign.id, hook.id, 'Unreviewed', true);
    await rpc.send(CampaignSubjects.pause, { id: campaign.id }, as());
    // Two days pass while paused: every slot the posts held is behind us.
    await suite.platform.dataSource.query(
      `UPDATE posts SET scheduled_at = scheduled_at - interval '2 days' WHERE campaign_id = $1`,
      [campaign.id],
    );
    await suite.platform.dataSource.query(
      `UPDATE post_targets SET due_at = due_at - interval '2 days' WHERE post_id = ANY($1::uuid[])`,
      [[first.id, second.id]],
    );

    const resumedAt = Date.now();
    const resumed = await rpc.send(CampaignSubjects.resume, { id: campaign.id }, as('editor'));
    const slots = tokyoSlotsAfter(resumedAt, 4);
    expect(resumed).toMatchObject({ status: 'active', nextFreeSlotAt: slots[3] });
    const [one, two, three] = await Promise.all([first, second, unreviewed].map((post) => postOf(post.id)));
    expect([one.scheduledAt, two.scheduledAt, three.scheduledAt]).toEqual(slots.slice(0, 3));
    expect(one.targets[0]).toMatchObject({ status: 'scheduled', dueAt: slots[0], holdReason: null });
    expect(two.targets[0]).toMatchObject({ status: 'scheduled', dueAt: slots[1] });
    expect(three.targets[0]).toMatchObject({ status: 'needs_review', dueAt: null });
    expect(await queuedJobs(one.targets[0].id)).toContain(`${one.targets[0].id}@${Date.parse(slots[0])}`);
    const approved = await rpc.send(PostSubjects.approve, { id: unreviewed.id }, as());
    expect(approved.targets[0]).toMatchObject({ status: 'scheduled', dueAt: slots[2] });
  }, 60_000);

  it('completing cancels the open slots, paused ones too, and keeps what went out', async () => {
    const shop = await connection('manual');
    const campaign = await twiceDaily([shop.id]);
    const published = await addPost(campaign.id, shop.id, 'Sold out already');
    await rpc.send(PostSubjects.markPublished, { id: published.id, url: 'https://shop.example/p/2' }, as());
    const open: PostView[] = [];
    for (const text of ['Not yet', 'Later']) open.push(await addPost(campaign.id, shop.id, text));
    await rpc.send(CampaignSubjects.pause, { id: campaign.id }, as());
    const completed = await rpc.send(CampaignSubjects.complete, { id: campaign.id }, as('editor'));
    expect(completed).toMatchObject({ status: 'completed', nextFreeSlotAt: null });

    const posts = await rpc.send(PostSubjects.list, { campaignId: campaign.id }, as());
    expect(posts).toHaveLength(3);
    const byId = new Map(posts.map((post) => [post.id, post.targets[0]]));
    expect(byId.get(published.id)).toMatchObject({
      status: 'published',
      externalUrl: 'https://shop.example/p/2',
    });
    for (const post of open)
      expect(byId.get(post.id)).toMatchObject({
        status: 'cancelled',
        holdReason: 'The campaign was completed',
      });
  }, 60_000);
});
