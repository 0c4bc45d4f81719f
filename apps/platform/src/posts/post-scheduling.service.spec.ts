import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConnectionSubjects, PostSubjects, type Role } from '@app/contracts';
import type { CallContext } from '@app/messaging';
import { statusOf } from '../../../../test/support/domain-errors.js';
import { callAs, platformForSuite } from '../../test/platform-harness.js';
import { pollUntil } from '../../../../test/support/polling.js';

const suite = platformForSuite({ database: 'shopcast_post_scheduling' });
const { rpc } = suite;
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

describe('scheduling posts', () => {
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
    const events: Array<{ subject: string; correlation_id: string | null }> =
      await suite.platform.dataSource.query(
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
    await suite.platform.dataSource.query(`UPDATE post_targets SET status = 'unconfirmed' WHERE id = $1`, [
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
});
