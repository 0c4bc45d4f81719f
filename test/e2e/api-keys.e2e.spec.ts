import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClient, type ApiResponse, type Member, registerUser, type Session } from './api-client.js';
import { pollUntil } from '../support/polling.js';
import { newMember } from './team.js';
import {
  type DistributedSystem,
  type RunningSystem,
  startDistributed,
  startStandalone,
  SYSTEM_STOP_TIMEOUT,
  tempDataDir,
} from './system.js';

interface ApiKey {
  id: string;
  key: string;
  name: string;
  prefix: string;
  role: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

/** A gateway trusts a verified key for 5 seconds; the margin covers the requests of a slow machine. */
const REVOCATION_DEADLINE_MS = 7_000;
/** Verbose logs, so that the check that no key reaches them reads as much as the apps write. */
const VERBOSE = { LOG_LEVEL: 'debug' };

let dataDir: string | undefined;
const modes: Array<[string, () => Promise<RunningSystem>]> = [
  [
    'standalone',
    async () => {
      dataDir = await tempDataDir();
      return startStandalone(dataDir, VERBOSE);
    },
  ],
  ['distributed', () => startDistributed(VERBOSE)],
];

function isDistributed(system: RunningSystem): system is DistributedSystem {
  return 'startGateway' in system;
}

describe.each(modes)('API keys, %s', (_mode, start) => {
  let system: RunningSystem | undefined;
  let api: ApiClient;
  /** Every key the suite was shown, to check that none of them reached a log. */
  const shownKeys: string[] = [];

  beforeAll(async () => {
    system = await start();
    api = new ApiClient(system.baseUrl);
  }, 240_000);

  afterAll(async () => {
    await system?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  }, SYSTEM_STOP_TIMEOUT);

  async function createKey(token: string, body: Record<string, unknown>): Promise<ApiKey> {
    const response = await api.post<ApiKey>('/api/v1/api-keys', body, token);
    if (response.status !== 201)
      throw new Error(`creating a key answered ${response.status}: ${JSON.stringify(response.body)}`);
    shownKeys.push(response.body.key);
    return response.body;
  }

  /** A member of `owner`'s workspace with `role`, signed in to it. */
  function member(owner: Session, label: string, role: string): Promise<Member> {
    return newMember(api, system!.outboxDir, owner, label, role);
  }

  const listProducts = (credential: string) =>
    api.get<{ items: Array<{ id: string }> }>('/api/v1/products', credential);
  const messageOf = (response: ApiResponse) => (response.body as { message?: string }).message;

  it('reads and writes with a key shown once, as the member who made it', async () => {
    const owner = await registerUser(api, 'owner');
    const created = await createKey(owner.token, { name: '  Inventory sync  ', role: 'editor' });
    expect(created).toMatchObject({
      name: 'Inventory sync',
      role: 'editor',
      lastUsedAt: null,
      expiresAt: null,
    });
    expect(created.key).toMatch(/^sk_[0-9A-Za-z]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, 11));

    const product = await api.post<{ id: string }>(
      '/api/v1/products',
      { title: 'Key-made mug' },
      created.key,
    );
    expect(product.status).toBe(201);
    const products = await listProducts(created.key);
    expect(products.status).toBe(200);
    expect(products.body.items.map((item) => item.id)).toEqual([product.body.id]);
    const me = await api.get('/api/v1/auth/me', created.key);
    expect(me.body).toMatchObject({ workspace: { id: owner.workspaceId }, role: 'editor' });

    const listed = await api.get<ApiKey[]>('/api/v1/api-keys', owner.token);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      expect.objectContaining({ id: created.id, prefix: created.prefix, lastUsedAt: expect.any(String) }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(created.key.slice(11));
    expect(listed.body[0]).not.toHaveProperty('key');
  });

  it('keeps a viewer key to reading, and no key above its creator role', async () => {
    const owner = await registerUser(api, 'owner');
    const viewerKey = await createKey(owner.token, { name: 'Dashboard', role: 'viewer' });
    expect((await listProducts(viewerKey.key)).status).toBe(200);
    const write = await api.post('/api/v1/products', { title: 'Not allowed' }, viewerKey.key);
    expect(write.status).toBe(403);
    expect((await listProducts(owner.token)).body.items).toEqual([]);

    const admin = await member(owner, 'admin', 'admin');
    const ownerKey = await api.post('/api/v1/api-keys', { name: 'Too strong', role: 'owner' }, admin.token);
    expect(ownerKey.status).toBe(403);
    expect(messageOf(ownerKey)).toBe('A key can have your role (admin) or a lower one, not owner');
    const editor = await member(owner, 'editor', 'editor');
    expect((await api.post('/api/v1/api-keys', { name: 'Mine', role: 'viewer' }, editor.token)).status).toBe(
      403,
    );
    expect((await api.get<ApiKey[]>('/api/v1/api-keys', editor.token)).body.map((key) => key.id)).toEqual([
      viewerKey.id,
    ]);
  });

  it('refuses bad names, duplicates and expiries with a 400 or 409 that names the field', async () => {
    const owner = await registerUser(api, 'owner');
    await createKey(owner.token, { name: 'Sync', role: 'viewer' });
    const duplicate = await api.post('/api/v1/api-keys', { name: 'Sync', role: 'viewer' }, owner.token);
    expect(duplicate.status).toBe(409);
    for (const body of [
      { name: '', role: 'viewer' },
      { name: 'Past', role: 'viewer', expiresAt: new Date(Date.now() - 60_000).toISOString() },
      { name: 'Far', role: 'viewer', expiresAt: new Date(Date.now() + 3 * 365 * 86_400_000).toISOString() },
      { name: 'Role', role: 'superuser' },
    ]) {
      const refused = await api.post('/api/v1/api-keys', body, owner.token);
      expect(refused.status).toBe(400);
    }
    expect((await api.get<ApiKey[]>('/api/v1/api-keys', owner.token)).body).toHaveLength(1);
  });

  it('refuses a revoked key on every gateway within 5 seconds', async () => {
    const owner = await registerUser(api, 'owner');
    const created = await createKey(owner.token, { name: 'Revoke me', role: 'editor' });
    const gateways = [api];
    if (system && isDistributed(system)) gateways.push(new ApiClient(await system.startGateway(VERBOSE)));
    // Each gateway has verified the key, and trusts it for a few seconds.
    for (const gateway of gateways)
      expect((await gateway.get('/api/v1/products', created.key)).status).toBe(200);

    expect((await api.delete(`/api/v1/api-keys/${created.id}`, owner.token)).status).toBe(204);
    for (const gateway of gateways) {
      const refused = await pollUntil(
        () => gateway.get('/api/v1/products', created.key),
        (response) => response.status !== 200,
        `the revoked key refused by ${gateway.baseUrl}`,
        REVOCATION_DEADLINE_MS,
      );
      expect(refused.status).toBe(401);
      expect(messageOf(refused)).toBe('This API key has been revoked');
    }
    expect((await api.delete(`/api/v1/api-keys/${created.id}`, owner.token)).status).toBe(404);
    expect((await api.get('/api/v1/api-keys', owner.token)).body).toEqual([]);
  }, 60_000);

  it('refuses a key once it has expired', async () => {
    const owner = await registerUser(api, 'owner');
    const created = await createKey(owner.token, {
      name: 'Short-lived',
      role: 'viewer',
      expiresAt: new Date(Date.now() + 3_000).toISOString(),
    });
    expect((await listProducts(created.key)).status).toBe(200);
    const refused = await pollUntil(
      () => listProducts(created.key),
      (response) => response.status !== 200,
      'the expired key refused',
    );
    expect(refused.status).toBe(401);
    expect(messageOf(refused)).toBe('This API key has expired');
  });

  it('follows its creator: capped when demoted, refused once they leave', async () => {
    const owner = await registerUser(api, 'owner');
    const admin = await member(owner, 'admin', 'admin');
    const created = await createKey(admin.token, { name: 'Admin script', role: 'editor' });
    expect((await api.post('/api/v1/products', { title: 'First' }, created.key)).status).toBe(201);

    const demote = await api.patch(
      `/api/v1/workspaces/current/members/${admin.userId}`,
      { role: 'viewer' },
      owner.token,
    );
    expect(demote.status).toBe(200);
    const capped = await pollUntil(
      () => api.post('/api/v1/products', { title: 'Second' }, created.key),
      (response) => response.status !== 201,
      'the demoted creator key capped to viewer',
      REVOCATION_DEADLINE_MS,
    );
    expect(capped.status).toBe(403);
    expect((await listProducts(created.key)).status).toBe(200);

    expect((await api.delete(`/api/v1/workspaces/current/members/${admin.userId}`, owner.token)).status).toBe(
      204,
    );
    const refused = await pollUntil(
      () => listProducts(created.key),
      (response) => response.status !== 200,
      'the key of a creator who left refused',
      REVOCATION_DEADLINE_MS,
    );
    expect(refused.status).toBe(401);
    expect(messageOf(refused)).toBe('The member who created this API key has left the workspace');
  }, 60_000);

  it('sees only its own workspace', async () => {
    const owner = await registerUser(api, 'owner');
    const created = await createKey(owner.token, { name: 'Mine', role: 'owner' });
    const other = await registerUser(api, 'other');
    const theirProduct = await api.post<{ id: string }>('/api/v1/products', { title: 'Theirs' }, other.token);
    const theirKey = await createKey(other.token, { name: 'Theirs', role: 'viewer' });

    expect((await api.get(`/api/v1/products/${theirProduct.body.id}`, created.key)).status).toBe(404);
    expect((await listProducts(created.key)).body.items).toEqual([]);
    const keys = await api.get<ApiKey[]>('/api/v1/api-keys', created.key);
    expect(keys.body.map((key) => key.id)).toEqual([created.id]);
    expect((await api.delete(`/api/v1/api-keys/${theirKey.id}`, owner.token)).status).toBe(404);
    expect((await listProducts(theirKey.key)).status).toBe(200);
  });

  it('is refused by session endpoints, and cannot create keys or manage members', async () => {
    const owner = await registerUser(api, 'owner');
    const created = await createKey(owner.token, { name: 'Owner key', role: 'owner' });
    const newcomer = await registerUser(api, 'newcomer');

    const refusals = [
      await api.post('/api/v1/api-keys', { name: 'Child', role: 'viewer' }, created.key),
      await api.delete(`/api/v1/api-keys/${created.id}`, created.key),
      await api.post('/api/v1/auth/switch', { workspaceId: owner.workspaceId }, created.key),
      await api.get('/api/v1/workspaces', created.key),
      await api.post('/api/v1/workspaces', { name: 'Escape hatch' }, created.key),
      await api.post(
        '/api/v1/workspaces/current/members',
        { email: newcomer.email, role: 'owner' },
        created.key,
      ),
    ];
    for (const refused of refusals) {
      expect(refused.status).toBe(403);
      expect(messageOf(refused)).toBe('An API key cannot be used for this: sign in to Shopcast to do it');
    }
    expect((await api.get<ApiKey[]>('/api/v1/api-keys', owner.token)).body).toHaveLength(1);
    expect((await api.get<unknown[]>('/api/v1/workspaces/current/members', owner.token)).body).toHaveLength(
      1,
    );

    // A key is no refresh token, in the body or in the header.
    expect((await api.post('/api/v1/auth/refresh', { refreshToken: created.key })).status).toBe(401);
    expect((await api.request('POST', '/api/v1/auth/refresh', { body: {}, token: created.key })).status).toBe(
      400,
    );
    expect((await api.request('POST', '/api/v1/auth/logout', { body: {}, token: created.key })).status).toBe(
      400,
    );
    expect((await listProducts(created.key)).status).toBe(200);
  });

  it('says why a key fails without repeating it', async () => {
    const unknown = `sk_${'Z'.repeat(43)}`;
    for (const [credential, message] of [
      ['sk_too-short', 'Malformed API key'],
      [unknown, 'Invalid API key'],
    ]) {
      const refused = await listProducts(credential);
      expect(refused.status).toBe(401);
      expect(messageOf(refused)).toBe(message);
      expect(JSON.stringify(refused.body)).not.toContain(credential);
    }
  });

  it('writes no key to any log', () => {
    expect(shownKeys.length).toBeGreaterThan(5);
    const logs = system?.logs() ?? '';
    expect(logs).toContain('Nest');
    for (const key of shownKeys) expect(logs).not.toContain(key.slice(3));
  });
});
