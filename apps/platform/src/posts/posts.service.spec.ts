import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConnectionSubjects, PostSubjects, type Role } from '@app/contracts';
import type { CallContext, RpcClient } from '@app/messaging';
import { statusOf } from '../../../../test/support/domain-errors.js';
import { callAs, type PlatformHarness, startPlatform } from '../../test/platform-harness.js';
import { pollUntil } from '../../../../test/support/polling.js';

let platform: PlatformHarness;
let rpc: RpcClient;
const workspaceId = randomUUID();

const as = (role: Role, workspace = workspaceId): CallContext => callAs(role, workspace);

/** A post by the owner to a new webhook connection. */
async function webhookPost(url: string, text: string, extra: { scheduledAt?: string } = {}) {
  const hook = await rpc.send(
    ConnectionSubjects.create,
    { platform: 'webhook', name: 'Hook', config: { url } },
    as('owner'),
  );
  return rpc.send(PostSubjects.create, { targets: [{ connectionId: hook.id, text }], ...extra }, as('owner'));
}

beforeAll(async () => {
  platform = await startPlatform({ database: 'shopcast_posts' });
  rpc = platform.rpc;
}, 60_000);

afterAll(async () => {
  await platform?.close();
}, 60_000);

describe('posts', () => {
  it('edits a target before publishing, sends an approved post back to review, and refuses what is not allowed', async () => {
    const manual = await rpc.send(
      ConnectionSubjects.create,
      { platform: 'manual', name: 'By hand' },
      as('owner'),
    );
    const post = await rpc.send(
      PostSubjects.create,
      { targets: [{ connectionId: manual.id, text: 'First draft' }], requireReview: true },
      as('owner'),
    );
    const targetId = post.targets[0].id;
    expect(await statusOf(rpc.send(PostSubjects.approve, { id: post.id }, as('viewer')))).toBe(403);
    const approved = await rpc.send(PostSubjects.approve, { id: post.id }, as('editor'));
    expect(approved.targets[0].status).toBe('approved');

    const edited = await rpc.send(
      PostSubjects.update,
      { id: post.id, targets: [{ id: targetId, text: 'Second draft' }] },
      as('editor'),
    );
    expect(edited.targets[0]).toMatchObject({ text: 'Second draft', status: 'needs_review' });

    expect(
      await statusOf(
        rpc.send(
          PostSubjects.update,
          { id: post.id, targets: [{ id: targetId, text: 'Mine' }] },
          as('owner', randomUUID()),
        ),
      ),
    ).toBe(404);
    expect(
      await statusOf(
        rpc.send(
          PostSubjects.update,
          { id: post.id, targets: [{ id: randomUUID(), text: 'Who?' }] },
          as('owner'),
        ),
      ),
    ).toBe(404);
    expect(
      await statusOf(
        rpc.send(
          PostSubjects.update,
          { id: post.id, targets: [{ id: targetId, text: 'Nope' }] },
          as('viewer'),
        ),
      ),
    ).toBe(403);

    await rpc.send(PostSubjects.approve, { id: post.id }, as('admin'));
    await rpc.send(PostSubjects.markPublished, { id: post.id, url: 'https://example.com/p/1' }, as('owner'));
    expect(
      await statusOf(
        rpc.send(
          PostSubjects.update,
          { id: post.id, targets: [{ id: targetId, text: 'Too late' }] },
          as('owner'),
        ),
      ),
    ).toBe(409);
    expect(await statusOf(rpc.send(PostSubjects.cancel, { id: post.id }, as('owner')))).toBe(409);
  }, 30_000);

  it('records the events a request causes in that request chain', async () => {
    const workspace = randomUUID();
    const [connecting, scheduling, publishing] = [
      as('owner', workspace),
      as('editor', workspace),
      as('owner', workspace),
    ];
    const manual = await rpc.send(
      ConnectionSubjects.create,
      { platform: 'manual', name: 'By hand' },
      connecting,
    );
    const post = await rpc.send(
      PostSubjects.create,
      { targets: [{ connectionId: manual.id, text: 'Traced' }], scheduledAt: new Date().toISOString() },
      scheduling,
    );
    await rpc.send(PostSubjects.markPublished, { id: post.id, url: 'https://example.com/p/2' }, publishing);
    const events: Array<{ subject: string; correlation_id: string | null }> = await platform.dataSource.query(
      'SELECT subject, correlation_id FROM outbox WHERE workspace_id = $1 ORDER BY occurred_at, subject',
      [workspace],
    );
    expect(events).toEqual([
      { subject: 'platform.connection.created', correlation_id: connecting.correlationId },
      { subject: 'platform.post.scheduled', correlation_id: scheduling.correlationId },
      { subject: 'platform.post.published', correlation_id: publishing.correlationId },
    ]);
  });

  it('moves a scheduled post to another time, and refuses to schedule one still awaiting review', async () => {
    const manual = await rpc.send(
      ConnectionSubjects.create,
      { platform: 'manual', name: 'Calendar' },
      as('owner'),
    );
    const tomorrow = new Date(Date.now() + 86_400_000);
    const post = await rpc.send(
      PostSubjects.create,
      { targets: [{ connectionId: manual.id, text: 'Soon' }], scheduledAt: tomorrow.toISOString() },
      as('owner'),
    );
    expect(post.targets[0].status).toBe('scheduled');
    const later = new Date(tomorrow.getTime() + 2 * 86_400_000);
    const moved = await rpc.send(
      PostSubjects.schedule,
      { id: post.id, scheduledAt: later.toISOString() },
      as('editor'),
    );
    expect(moved.scheduledAt).toBe(later.toISOString());
    expect(moved.targets[0].status).toBe('scheduled');
    expect(new Date(moved.targets[0].dueAt as string).getTime()).toBeGreaterThanOrEqual(later.getTime());

    const held = await rpc.send(
      PostSubjects.create,
      { targets: [{ connectionId: manual.id, text: 'Check me' }], requireReview: true },
      as('owner'),
    );
    expect(
      await statusOf(
        rpc.send(PostSubjects.schedule, { id: held.id, scheduledAt: later.toISOString() }, as('owner')),
      ),
    ).toBe(409);
  });

  it('records the URL of an unconfirmed target a person found published, and refuses one that is not', async () => {
    const post = await webhookPost('http://127.0.0.1:9/zap', 'Did it go out?');
    const targetId = post.targets[0].id;
    const url = 'https://hooks.example.com/runs/1';
    expect(await statusOf(rpc.send(PostSubjects.markPublished, { id: post.id, url }, as('owner')))).toBe(409);
    // As a crash between the provider call and its answer leaves it.
    await platform.dataSource.query(`UPDATE post_targets SET status = 'unconfirmed' WHERE id = $1`, [
      targetId,
    ]);
    const marked = await rpc.send(PostSubjects.markPublished, { id: post.id, url, targetId }, as('editor'));
    expect(marked.targets[0]).toMatchObject({ status: 'published', externalUrl: url });
  });

  it('refuses a webhook on a private address at publish time unless private URLs are allowed', async () => {
    const post = await webhookPost('http://127.0.0.1:9/hook', 'Hello', {
      scheduledAt: new Date().toISOString(),
    });
    const { status, error } = await pollUntil(
      async () => (await rpc.send(PostSubjects.get, { id: post.id }, as('owner'))).targets[0],
      (target) => target.status !== 'scheduled' && target.status !== 'publishing',
      'the webhook target settled',
      20_000,
    );
    expect(status).toBe('failed');
    expect(error).toEqual({
      class: 'rejected_content',
      message: expect.stringMatching(/not allowed.*private, loopback/),
    });
  }, 30_000);

  it('holds every post for review once the workspace requires it; only owners and admins change that', async () => {
    const workspace = randomUUID();
    expect(
      await statusOf(rpc.send(PostSubjects.updateSettings, { requireReview: true }, as('editor', workspace))),
    ).toBe(403);
    expect(
      await rpc.send(PostSubjects.updateSettings, { requireReview: true }, as('admin', workspace)),
    ).toEqual({ requireReview: true });
    expect(await rpc.send(PostSubjects.getSettings, {}, as('viewer', workspace))).toEqual({
      requireReview: true,
    });
    const manual = await rpc.send(
      ConnectionSubjects.create,
      { platform: 'manual', name: 'By hand' },
      as('owner', workspace),
    );
    const post = await rpc.send(
      PostSubjects.create,
      {
        targets: [{ connectionId: manual.id, text: 'Opting out?' }],
        requireReview: false,
        scheduledAt: new Date().toISOString(),
      },
      as('editor', workspace),
    );
    expect(post).toMatchObject({ requiresReview: true, status: 'needs_review' });
    expect((await rpc.send(PostSubjects.getSettings, {}, as('owner'))).requireReview).toBe(false);
  }, 30_000);

  it("removes a connection and cancels its posts that have not gone out; another workspace's gets 404", async () => {
    const workspace = randomUUID();
    const manual = await rpc.send(
      ConnectionSubjects.create,
      { platform: 'manual', name: 'Leaving' },
      as('owner', workspace),
    );
    const post = await rpc.send(
      PostSubjects.create,
      {
        targets: [{ connectionId: manual.id, text: 'Soon' }],
        scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
      as('owner', workspace),
    );
    expect(post.targets[0].status).toBe('scheduled');
    expect(await statusOf(rpc.send(ConnectionSubjects.delete, { id: manual.id }, as('owner')))).toBe(404);
    expect(await rpc.send(ConnectionSubjects.delete, { id: manual.id }, as('editor', workspace))).toEqual({});
    expect(await rpc.send(ConnectionSubjects.list, {}, as('owner', workspace))).toEqual([]);
    const after = await rpc.send(PostSubjects.get, { id: post.id }, as('owner', workspace));
    expect(after.targets[0]).toMatchObject({ status: 'cancelled', holdReason: 'The connection was removed' });
  }, 30_000);
});
