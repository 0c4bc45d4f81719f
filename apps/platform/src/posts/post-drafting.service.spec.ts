import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  ConnectionSubjects,
  type CreatePostDto,
  DomainError,
  PostSubjects,
  type PostView,
  type Role,
} from '@app/contracts';
import type { CallContext, RequestContext } from '@app/messaging';
import { statusOf } from '../../../../test/support/domain-errors.js';
import { PostDraftingService } from './post-drafting.service.js';
import { callAs, platformForSuite } from '../../test/platform-harness.js';

const suite = platformForSuite({ database: 'shopcast_post_drafting' });
const { rpc } = suite;
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

  it('keeps a caption variant label on a target, fixed once set, and leaves it out when none is given', async () => {
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
      { id: post.id, targets: [{ id: labelled!.id, text: 'Version A, again' }] },
      as('editor'),
    );
    expect(edited.targets.find((target) => target.id === labelled!.id)?.variant).toBe('A');
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

  it('creates many posts as create() creates one, and answers a post that breaks a rule with its error', async () => {
    const context: RequestContext = {
      principal: { userId: randomUUID(), workspaceId: randomUUID(), role: 'owner' },
      correlationId: randomUUID(),
    };
    const manual = await rpc.send(ConnectionSubjects.create, { platform: 'manual', name: 'Bulk' }, context);
    const hook = await rpc.send(
      ConnectionSubjects.create,
      { platform: 'webhook', name: 'Hook', config: { url: 'https://hooks.example.com/in' } },
      context,
    );
    const input: CreatePostDto = {
      targets: [
        { connectionId: manual.id, text: 'Same post', title: 'Title', variant: 'B', options: { note: 'x' } },
        { connectionId: hook.id, text: 'Same post', mediaUrls: ['https://cdn.example.com/a.jpg'] },
      ],
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
    };
    const one = await rpc.send(PostSubjects.create, input, context);
    const drafting = suite.platform.service.app.get(PostDraftingService);
    const outcomes = await drafting.createMany(context, [
      input,
      { targets: [{ connectionId: randomUUID(), text: 'Nowhere' }] },
      { ...input, scheduledAt: undefined },
    ]);
    expect(outcomes[1]).toBeInstanceOf(DomainError);
    expect((outcomes[1] as DomainError).status).toBe(404);
    const [many, , draft] = await Promise.all(
      outcomes.map((outcome) =>
        outcome instanceof DomainError ? null : rpc.send(PostSubjects.get, { id: outcome.id }, context),
      ),
    );
    const comparable = (post: PostView | null) => ({
      ...post,
      id: undefined,
      createdAt: undefined,
      updatedAt: undefined,
      targets: post?.targets
        .map((target) => ({ ...target, id: undefined }))
        .sort((a, b) => a.platform.localeCompare(b.platform)),
    });
    expect(comparable(many)).toEqual(comparable(one));
    expect(many?.targets.map((target) => target.status)).toEqual(['scheduled', 'scheduled']);
    expect(draft?.targets.map((target) => target.status)).toEqual(['draft', 'draft']);
    const dry = await drafting.createMany(context, [input], { dryRun: true });
    expect(dry[0]).not.toBeInstanceOf(DomainError);
    await expect(rpc.send(PostSubjects.get, { id: (dry[0] as { id: string }).id }, context)).rejects.toThrow(
      'Post not found',
    );
  }, 30_000);
});
