import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConnectionSubjects, PostSubjects, type Role } from '@app/contracts';
import type { CallContext } from '@app/messaging';
import { statusOf } from '../../../../test/support/domain-errors.js';
import { callAs, platformForSuite } from '../../test/platform-harness.js';

const { rpc } = platformForSuite({ database: 'shopcast_connections' });
const workspaceId = randomUUID();

const as = (role: Role, workspace = workspaceId): CallContext => callAs(role, workspace);

describe('connections', () => {
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
