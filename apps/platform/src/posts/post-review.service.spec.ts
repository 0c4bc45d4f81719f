import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConnectionSubjects, PostSubjects, type PostView, type Role } from '@app/contracts';
import type { CallContext } from '@app/messaging';
import { domainErrorOf, statusOf } from '../../../../test/support/domain-errors.js';
import { callAs, platformForSuite } from '../../test/platform-harness.js';

const { rpc } = platformForSuite({ database: 'shopcast_post_review' });
const workspaceId = randomUUID();

const as = (role: Role, workspace: string = workspaceId): CallContext => callAs(role, workspace);

describe('the review gate', () => {
  it('holds every post for review once the workspace requires it; only owners and admins change that', async () => {
    const workspace = randomUUID();
    expect(
      await statusOf(rpc.send(PostSubjects.updateSettings, { requireReview: true }, as('editor', workspace))),
    ).toBe(403);
    expect(
      await rpc.send(PostSubjects.updateSettings, { requireReview: true }, as('admin', workspace)),
    ).toEqual({ requireReview: true, requireDistinctApprover: false });
    expect(await rpc.send(PostSubjects.getSettings, {}, as('viewer', workspace))).toEqual({
      requireReview: true,
      requireDistinctApprover: false,
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

  it('refuses a creator approving their own post once a distinct approver is required', async () => {
    const workspace = randomUUID();
    const author = editorIn(workspace);
    const settings = { requireReview: true, requireDistinctApprover: true };
    expect(await rpc.send(PostSubjects.updateSettings, settings, as('owner', workspace))).toEqual(settings);
    // A change that leaves the setting out keeps it.
    expect(
      await rpc.send(PostSubjects.updateSettings, { requireReview: true }, as('admin', workspace)),
    ).toEqual(settings);
    const post = await postInReview(author, 'Approve me yourself?');
    expect(post).toMatchObject({ status: 'needs_review', createdBy: author.principal!.userId });

    const refused = await domainErrorOf(rpc.send(PostSubjects.approve, { id: post.id }, author));
    expect(refused).toMatchObject({
      status: 403,
      message: expect.stringMatching(/other than the post's creator/),
    });
    const unchanged = await rpc.send(PostSubjects.get, { id: post.id }, author);
    expect(unchanged.status).toBe('needs_review');

    const approved = await rpc.send(PostSubjects.approve, { id: post.id }, as('editor', workspace));
    expect(approved.status).toBe('approved');
  }, 30_000);

  it('lets a creator approve their own post while the setting is off', async () => {
    const workspace = randomUUID();
    const author = editorIn(workspace);
    await rpc.send(PostSubjects.updateSettings, { requireReview: true }, as('owner', workspace));
    const post = await postInReview(author, 'Solo shop');
    expect((await rpc.send(PostSubjects.approve, { id: post.id }, author)).status).toBe('approved');
  }, 30_000);
});

/** An editor whose user id stays the same across calls, so they can be a post's creator. */
function editorIn(workspaceId: string): CallContext {
  return { principal: { userId: randomUUID(), workspaceId, role: 'editor' }, correlationId: randomUUID() };
}

/** A post `author` makes on a new manual connection of their workspace, which requires review. */
async function postInReview(author: CallContext, text: string): Promise<PostView> {
  const workspace = author.principal!.workspaceId;
  const manual = await rpc.send(
    ConnectionSubjects.create,
    { platform: 'manual', name: 'By hand' },
    as('owner', workspace),
  );
  return rpc.send(PostSubjects.create, { targets: [{ connectionId: manual.id, text }] }, author);
}
