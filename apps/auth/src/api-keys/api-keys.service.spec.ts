import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  API_KEY_PATTERN,
  ApiKeySubjects,
  AuthSubjects,
  type CreateApiKeyDto,
  type CreatedApiKeyView,
  type Principal,
  type Role,
} from '@app/contracts';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { type AuthTestApp, type Session, startAuthTestApp } from '../../test/auth-test-app.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('ApiKeysService (real Postgres)', () => {
  let db: TestDatabase;
  let auth: AuthTestApp;

  beforeAll(async () => {
    db = await createTestDatabase('auth_api_keys');
    auth = await startAuthTestApp({ databaseUrl: db.url });
  });

  afterAll(async () => {
    await auth?.close();
    await db?.drop();
  });

  /** A workspace with one member of each role, as the gateway would pass their principals. */
  interface Team {
    workspaceId: string;
    owner: Session;
    as: Record<Role, Principal>;
  }

  async function team(): Promise<Team> {
    const owner = await auth.register('Owner');
    const as = { owner: owner.principal } as Record<Role, Principal>;
    for (const role of ['admin', 'editor', 'viewer'] as const) {
      const member = await auth.register(role);
      await auth.join(owner.principal, member, role);
      as[role] = { userId: member.userId, workspaceId: owner.workspaceId, role };
    }
    return { workspaceId: owner.workspaceId, owner, as };
  }

  function create(principal: Principal, dto: Partial<CreateApiKeyDto> = {}): Promise<CreatedApiKeyView> {
    return auth.call(
      ApiKeySubjects.create,
      { name: 'Inventory sync', role: 'editor', ...dto },
      { principal },
    );
  }

  function verify(apiKey: string) {
    return auth.call(ApiKeySubjects.verify, { apiKey });
  }

  async function rowsOf(workspaceId: string): Promise<Array<Record<string, unknown>>> {
    return auth.dataSource.query('SELECT * FROM api_keys WHERE workspace_id = $1', [workspaceId]);
  }

  let t: Team;
  beforeEach(async () => {
    t = await team();
  });

  describe('create', () => {
    it('shows the key once and stores only its SHA-256 and a display prefix', async () => {
      const created = await create(t.as.admin, { name: '  Inventory sync  ' });
      expect(created.key).toMatch(API_KEY_PATTERN);
      expect(created).toMatchObject({
        name: 'Inventory sync',
        prefix: created.key.slice(0, 11),
        role: 'editor',
        createdBy: { id: t.as.admin.userId, name: 'admin' },
        lastUsedAt: null,
        expiresAt: null,
      });
      const [row] = await rowsOf(t.workspaceId);
      expect(row.key_hash).toBe(createHash('sha256').update(created.key).digest('hex'));
      expect(JSON.stringify(row)).not.toContain(created.key.slice(11));

      const listed = await auth.call(ApiKeySubjects.list, {}, { principal: t.as.viewer });
      expect(listed).toEqual([
        {
          id: created.id,
          name: 'Inventory sync',
          prefix: created.prefix,
          role: 'editor',
          createdBy: { id: t.as.admin.userId, name: 'admin' },
          createdAt: created.createdAt,
          lastUsedAt: null,
          expiresAt: null,
        },
      ]);
    });

    it('makes a different key every time', async () => {
      const first = await create(t.as.owner, { name: 'one' });
      const second = await create(t.as.owner, { name: 'two' });
      expect(first.key).not.toBe(second.key);
      expect(first.prefix).not.toBe(second.prefix);
    });

    it('is 403 for editors and viewers', async () => {
      for (const role of ['editor', 'viewer'] as const) {
        const error = await auth.failure(
          ApiKeySubjects.create,
          { name: 'Mine', role: 'viewer' },
          { principal: t.as[role] },
        );
        expect(error).toMatchObject({ status: 403, code: 'forbidden' });
      }
      expect(await rowsOf(t.workspaceId)).toEqual([]);
    });

    it('gives a key at most the caller role: an admin cannot mint an owner key', async () => {
      const error = await auth.failure(
        ApiKeySubjects.create,
        { name: 'Too strong', role: 'owner' },
        { principal: t.as.admin },
      );
      expect(error).toMatchObject({
        status: 403,
        message: 'A key can have your role (admin) or a lower one, not owner',
      });
      expect(await create(t.as.admin, { name: 'Admin key', role: 'admin' })).toMatchObject({ role: 'admin' });
      expect(await create(t.as.owner, { name: 'Owner key', role: 'owner' })).toMatchObject({ role: 'owner' });
    });

    it('goes by the role stored now: a demoted admin with an old token is refused', async () => {
      await auth.call(
        AuthSubjects.updateMember,
        { userId: t.as.admin.userId, role: 'editor' },
        { principal: t.as.owner },
      );
      const error = await auth.failure(
        ApiKeySubjects.create,
        { name: 'Late', role: 'viewer' },
        { principal: t.as.admin },
      );
      expect(error).toMatchObject({ status: 403 });
      expect(await rowsOf(t.workspaceId)).toEqual([]);
    });

    it('refuses a bad name, a duplicate name and an expiry in the past or too far ahead', async () => {
      for (const name of ['', '   ', 'x'.repeat(101)]) {
        expect(
          await auth.failure(ApiKeySubjects.create, { name, role: 'viewer' }, { principal: t.as.owner }),
        ).toMatchObject({ status: 400, details: { fields: [expect.objectContaining({ field: 'name' })] } });
      }
      await create(t.as.owner, { name: 'Sync' });
      const duplicate = await auth.failure(
        ApiKeySubjects.create,
        { name: ' Sync ', role: 'viewer' },
        { principal: t.as.admin },
      );
      expect(duplicate).toMatchObject({ status: 409, details: { fields: [{ field: 'name' }] } });

      const now = Date.now();
      const expiries = [
        new Date(now - 1000).toISOString(),
        new Date(now + 731 * DAY_MS).toISOString(),
        'soon',
      ];
      for (const expiresAt of expiries) {
        const error = await auth.failure(
          ApiKeySubjects.create,
          { name: 'Expiring', role: 'viewer', expiresAt },
          { principal: t.as.owner },
        );
        expect(error).toMatchObject({ status: 400, details: { fields: [{ field: 'expiresAt' }] } });
      }
      expect(await rowsOf(t.workspaceId)).toHaveLength(1);

      const expiresAt = new Date(now + 729 * DAY_MS).toISOString();
      expect(await create(t.as.owner, { name: 'Expiring', expiresAt })).toMatchObject({ expiresAt });
    });

    it('frees a name when its key is revoked', async () => {
      const first = await create(t.as.owner, { name: 'Sync' });
      await auth.call(ApiKeySubjects.revoke, { id: first.id }, { principal: t.as.owner });
      const second = await create(t.as.owner, { name: 'Sync' });
      expect(second.id).not.toBe(first.id);
    });

    it('is refused to an API key, even an owner key: a key cannot mint or revoke keys', async () => {
      const ownerKey = await create(t.as.owner, { name: 'Owner key', role: 'owner' });
      const { principal } = await verify(ownerKey.key);
      const minting = await auth.failure(
        ApiKeySubjects.create,
        { name: 'Child', role: 'viewer' },
        { principal },
      );
      expect(minting).toMatchObject({
        status: 403,
        message: 'An API key cannot create or revoke API keys: sign in to Shopcast to manage them',
      });
      const revoking = await auth.failure(ApiKeySubjects.revoke, { id: ownerKey.id }, { principal });
      expect(revoking).toMatchObject({ status: 403 });
      expect(await auth.call(ApiKeySubjects.list, {}, { principal })).toHaveLength(1);
      expect((await verify(ownerKey.key)).principal.apiKeyId).toBe(ownerKey.id);
    });
  });

  describe('verify', () => {
    it('acts as the key creator in the key workspace with the key role', async () => {
      const created = await create(t.as.admin, { role: 'viewer' });
      const expiresAt = new Date(Date.now() + DAY_MS).toISOString();
      const expiring = await create(t.as.admin, { name: 'Expiring', expiresAt });
      expect(await verify(created.key)).toEqual({
        principal: {
          userId: t.as.admin.userId,
          workspaceId: t.workspaceId,
          role: 'viewer',
          apiKeyId: created.id,
        },
        expiresAt: null,
      });
      expect(await verify(expiring.key)).toMatchObject({ principal: { role: 'editor' }, expiresAt });
    });

    it('is 401 for an unknown, a revoked and an expired key, saying which', async () => {
      const unknown = await auth.failure(ApiKeySubjects.verify, { apiKey: `sk_${'a'.repeat(43)}` });
      expect(unknown).toMatchObject({ status: 401, message: 'Invalid API key' });
      const malformed = await auth.failure(ApiKeySubjects.verify, { apiKey: 'sk_short' });
      expect(malformed).toMatchObject({ status: 400, message: expect.not.stringContaining('sk_short') });

      const revoked = await create(t.as.owner, { name: 'Revoked' });
      await verify(revoked.key);
      expect(await auth.call(ApiKeySubjects.revoke, { id: revoked.id }, { principal: t.as.admin })).toEqual({
        revoked: true,
      });
      expect(await auth.failure(ApiKeySubjects.verify, { apiKey: revoked.key })).toMatchObject({
        status: 401,
        message: 'This API key has been revoked',
      });

      const expired = await create(t.as.owner, {
        name: 'Expired',
        expiresAt: new Date(Date.now() + DAY_MS).toISOString(),
      });
      await verify(expired.key);
      await auth.dataSource.query(
        "UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1",
        [expired.id],
      );
      expect(await auth.failure(ApiKeySubjects.verify, { apiKey: expired.key })).toMatchObject({
        status: 401,
        message: 'This API key has expired',
      });
    });

    it('follows the creator membership: capped when they are demoted, refused once they leave', async () => {
      const created = await create(t.as.admin, { role: 'admin' });
      await auth.call(
        AuthSubjects.updateMember,
        { userId: t.as.admin.userId, role: 'editor' },
        { principal: t.as.owner },
      );
      const demoted = await verify(created.key);
      expect(demoted.principal.role).toBe('editor');
      // Auth's own checks cap the key too: the demoted key cannot manage members.
      // (as a gateway that verified the key before the demotion would still send it, role and all)
      const removing = await auth.failure(
        AuthSubjects.removeMember,
        { userId: t.as.viewer.userId },
        { principal: { ...demoted.principal, role: 'admin' } },
      );
      expect(removing).toMatchObject({ status: 403 });
      expect(await auth.call(AuthSubjects.me, {}, { principal: demoted.principal })).toMatchObject({
        role: 'editor',
      });

      await auth.call(AuthSubjects.removeMember, { userId: t.as.admin.userId }, { principal: t.as.owner });
      expect(await auth.failure(ApiKeySubjects.verify, { apiKey: created.key })).toMatchObject({
        status: 401,
        message: 'The member who created this API key has left the workspace',
      });
    });

    it('never lifts a key above its own role when its creator is promoted', async () => {
      const created = await create(t.as.admin, { role: 'viewer' });
      await auth.call(
        AuthSubjects.updateMember,
        { userId: t.as.admin.userId, role: 'owner' },
        { principal: t.as.owner },
      );
      const { principal } = await verify(created.key);
      expect(principal.role).toBe('viewer');
      expect(await auth.call(AuthSubjects.me, {}, { principal })).toMatchObject({ role: 'viewer' });
      const error = await auth.failure(
        AuthSubjects.updateMember,
        { userId: t.as.editor.userId, role: 'viewer' },
        { principal },
      );
      expect(error).toMatchObject({ status: 403 });
    });

    it('records the last use at most once a minute', async () => {
      const created = await create(t.as.owner);
      const lastUsedAt = async () => {
        const [row] = await auth.dataSource.query<Array<{ last_used_at: Date | null }>>(
          'SELECT last_used_at FROM api_keys WHERE id = $1',
          [created.id],
        );
        return row.last_used_at?.toISOString() ?? null;
      };
      await verify(created.key);
      const first = await lastUsedAt();
      expect(first).not.toBeNull();
      await verify(created.key);
      await verify(created.key);
      // A write would have moved it to the time of the later request.
      expect(await lastUsedAt()).toBe(first);

      await auth.dataSource.query(
        "UPDATE api_keys SET last_used_at = last_used_at - interval '61 seconds' WHERE id = $1",
        [created.id],
      );
      const aged = await lastUsedAt();
      await verify(created.key);
      const refreshed = await lastUsedAt();
      expect(refreshed).not.toBe(aged);
      expect(Date.parse(refreshed ?? '')).toBeGreaterThan(Date.parse(aged ?? ''));
      const [listed] = await auth.call(ApiKeySubjects.list, {}, { principal: t.as.owner });
      expect(listed.lastUsedAt).toBe(refreshed);
    });
  });

  describe('revoke and workspace isolation', () => {
    it('lists only the workspace keys, and another workspace cannot revoke them', async () => {
      const mine = await create(t.as.owner, { name: 'Mine' });
      const other = await team();
      const theirs = await create(other.as.owner, { name: 'Theirs' });

      const listed = await auth.call(ApiKeySubjects.list, {}, { principal: t.as.editor });
      expect(listed.map((key) => key.id)).toEqual([mine.id]);

      const error = await auth.failure(ApiKeySubjects.revoke, { id: mine.id }, { principal: other.as.owner });
      expect(error).toMatchObject({ status: 404, message: 'API key not found' });
      expect((await verify(mine.key)).principal.workspaceId).toBe(t.workspaceId);
      expect((await verify(theirs.key)).principal.workspaceId).toBe(other.workspaceId);
    });

    it('is 404 for an unknown or already revoked key, 403 for editors', async () => {
      const created = await create(t.as.owner);
      const byEditor = await auth.failure(
        ApiKeySubjects.revoke,
        { id: created.id },
        { principal: t.as.editor },
      );
      expect(byEditor).toMatchObject({ status: 403 });
      await auth.call(ApiKeySubjects.revoke, { id: created.id }, { principal: t.as.owner });
      const again = await auth.failure(ApiKeySubjects.revoke, { id: created.id }, { principal: t.as.owner });
      expect(again).toMatchObject({ status: 404 });
      expect(await auth.call(ApiKeySubjects.list, {}, { principal: t.as.owner })).toEqual([]);
    });

    it('is 401 for someone no longer a member', async () => {
      const created = await create(t.as.owner);
      await auth.call(AuthSubjects.removeMember, { userId: t.as.admin.userId }, { principal: t.as.owner });
      expect(await auth.failure(ApiKeySubjects.list, {}, { principal: t.as.admin })).toMatchObject({
        status: 401,
      });
      expect(
        await auth.failure(ApiKeySubjects.revoke, { id: created.id }, { principal: t.as.admin }),
      ).toMatchObject({ status: 401 });
    });
  });
});
