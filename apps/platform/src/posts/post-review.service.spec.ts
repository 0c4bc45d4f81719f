import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConnectionSubjects, PostSubjects, type Role } from '@app/contracts';
import type { CallContext } from '@app/messaging';
import { statusOf } from '../../../../test/support/domain-errors.js';
import { callAs, platformForSuite } from '../../test/platform-harness.js';

const { rpc } = platformForSuite({ database: 'shopcast_post_review' });
const workspaceId = randomUUID();

const as = (role: Role, workspace = workspaceId): CallContext => callAs(role, workspace);

describe('the review gate', () => {
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
});
