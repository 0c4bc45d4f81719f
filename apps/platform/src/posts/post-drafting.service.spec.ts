import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConnectionSubjects, PostSubjects, type Role } from '@app/contracts';
import type { CallContext } from '@app/messaging';
import { statusOf } from '../../../../test/support/domain-errors.js';
import { callAs, platformForSuite } from '../../test/platform-harness.js';

const { rpc } = platformForSuite({ database: 'shopcast_post_drafting' });
const workspaceId = randomUUID();

const as = (role: Role, workspace = workspaceId): CallContext => callAs(role, workspace);

describe('drafting posts', () => {
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

  it('keeps a caption variant label on a target, changes it with an edit, and leaves it out when none is given', async () => {
    const manual = await rpc.send(
      ConnectionSubjects.create,
      { platform: 'manual', name: 'Tests' },
      as('owner'),
    );
    const post = await rpc.send(
      PostSubjects.create,
      {
        targets: [
          { connectionId: manual.id, text: 'Version A', variant: ' A ' },
          { connectionId: manual.id, text: 'No test' },
        ],
      },
      as('owner'),
    );
    const labelled = post.targets.find((target) => target.text === 'Version A');
    const plain = post.targets.find((target) => target.text === 'No test');
    expect(labelled?.variant).toBe('A');
    expect(plain?.variant).toBeNull();
    const edited = await rpc.send(
      PostSubjects.update,
      { id: post.id, targets: [{ id: labelled!.id, variant: 'B' }] },
      as('editor'),
    );
    expect(edited.targets.find((target) => target.id === labelled!.id)?.variant).toBe('B');
    expect(
      await statusOf(
        rpc.send(
          PostSubjects.create,
          { targets: [{ connectionId: manual.id, text: 'Too long', variant: 'x'.repeat(51) }] },
          as('owner'),
        ),
      ),
    ).toBe(400);
  }, 30_000);
});
