import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Validator } from '@seriousme/openapi-schema-validator';
import { rm } from 'node:fs/promises';
import { ApiClient, STRONG_PASSWORD, uniqueEmail } from './api-client.js';
import { outboxToken } from '../support/outbox-mail.js';
import { pollUntil } from '../support/polling.js';
import { INVITATION_SUBJECT, joinWorkspace, verifyEmail } from './team.js';
import {
  type RunningSystem,
  startDistributed,
  startStandalone,
  SYSTEM_STOP_TIMEOUT,
  tempDataDir,
} from './system.js';

interface Session {
  email: string;
  accessToken: string;
  refreshToken: string;
  userId: string;
  workspaceId: string;
}

const EXPECTED_ROUTES = [
  'post /api/v1/auth/register',
  'post /api/v1/auth/login',
  'post /api/v1/auth/refresh',
  'post /api/v1/auth/logout',
  'get /api/v1/auth/me',
  'post /api/v1/auth/switch',
  'get /api/v1/workspaces',
  'post /api/v1/workspaces',
  'get /api/v1/workspaces/current/members',
  'post /api/v1/workspaces/current/members',
  'patch /api/v1/workspaces/current/members/{userId}',
  'delete /api/v1/workspaces/current/members/{userId}',
  'get /api/v1/workspaces/current/invitations',
  'delete /api/v1/workspaces/current/invitations/{invitationId}',
  'post /api/v1/invitations/preview',
  'post /api/v1/invitations/accept',
  'post /api/v1/auth/verify-email',
  'post /api/v1/auth/verify-email/resend',
  'post /api/v1/api-keys',
  'get /api/v1/api-keys',
  'delete /api/v1/api-keys/{id}',
  'post /api/v1/products',
  'get /api/v1/products',
  'get /api/v1/products/{id}',
  'patch /api/v1/products/{id}',
  'delete /api/v1/products/{id}',
  'get /api/v1/analytics/summary',
  'get /.well-known/jwks.json',
  'get /health/live',
  'get /health/ready',
];

let dataDir: string | undefined;
const modes: Array<[string, () => Promise<RunningSystem>]> = [
  [
    'standalone',
    async () => {
      dataDir = await tempDataDir();
      return startStandalone(dataDir);
    },
  ],
  ['distributed', startDistributed],
];

describe.each(modes)('Shopcast API, %s', (_mode, start) => {
  let system: RunningSystem | undefined;
  let api: ApiClient;

  beforeAll(async () => {
    system = await start();
    api = new ApiClient(system.baseUrl);
  }, 240_000);

  afterAll(async () => {
    await system?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  }, SYSTEM_STOP_TIMEOUT);

  it('serves the web app at / and its pages, beside the API', async () => {
    for (const path of ['/', '/products', '/settings/members']) {
      const page = await api.get<string>(path);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.body).toContain('<div id="root">');
    }
    expect((await api.get('/api/v1/not-a-route')).status).toBe(404);
  });

  /** The session shape of the shared team helpers. */
  function asTeamSession(session: Session) {
    return { email: session.email, token: session.accessToken, workspaceId: session.workspaceId };
  }

  async function register(label: string): Promise<Session> {
    const email = uniqueEmail(label);
    const response = await api.post('/api/v1/auth/register', {
      email,
      password: STRONG_PASSWORD,
      name: label,
    });
    expect(response.status).toBe(201);
    const body = response.body as {
      accessToken: string;
      refreshToken: string;
      user: { id: string };
      workspace: { id: string };
    };
    return {
      email,
      accessToken: body.accessToken,
      refreshToken: body.refreshToken,
      userId: body.user.id,
      workspaceId: body.workspace.id,
    };
  }

  it('registers, signs in and tells who you are', async () => {
    const email = uniqueEmail('Ada');
    const registered = await api.post('/api/v1/auth/register', {
      email,
      password: STRONG_PASSWORD,
      name: 'Ada',
      workspaceName: 'Ada Crafts',
    });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({
      user: { email: email.toLowerCase(), name: 'Ada' },
      workspace: { name: 'Ada Crafts' },
      tokenType: 'Bearer',
    });
    expect(registered.body.expiresIn).toBeGreaterThan(0);

    const login = await api.post('/api/v1/auth/login', {
      email: email.toUpperCase(),
      password: STRONG_PASSWORD,
    });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer' });

    const me = await api.get('/api/v1/auth/me', String(login.body.accessToken));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      user: { email: email.toLowerCase() },
      workspace: { name: 'Ada Crafts' },
      role: 'owner',
    });
  });

  it('refuses a duplicate email and a weak password with clear errors', async () => {
    const session = await register('Dup');
    const duplicate = await api.post('/api/v1/auth/register', {
      email: session.email.toUpperCase(),
      password: STRONG_PASSWORD,
      name: 'Dup again',
    });
    expect(duplicate.status).toBe(409);

    const short = await api.post('/api/v1/auth/register', {
      email: uniqueEmail('w'),
      password: 'short',
      name: 'W',
    });
    expect(short.status).toBe(400);
    expect(String(short.body.message)).toMatch(/10 characters/);

    const common = await api.post('/api/v1/auth/register', {
      email: uniqueEmail('w'),
      password: 'password123',
      name: 'W',
    });
    expect(common.status).toBe(400);
    expect(String(common.body.message)).toMatch(/common/i);
  });

  it('gives the same 401 for an unknown email and a wrong password', async () => {
    const session = await register('Cred');
    const wrong = await api.post('/api/v1/auth/login', {
      email: session.email,
      password: 'not the password at all',
    });
    const unknown = await api.post('/api/v1/auth/login', {
      email: uniqueEmail('nobody'),
      password: STRONG_PASSWORD,
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it('rotates refresh tokens, and reuse of a rotated one revokes the whole family', async () => {
    const session = await register('Rot');
    const first = await api.post('/api/v1/auth/refresh', { refreshToken: session.refreshToken });
    expect(first.status).toBe(200);
    const newer = String(first.body.refreshToken);
    expect(newer).not.toBe(session.refreshToken);

    const reuse = await api.post('/api/v1/auth/refresh', { refreshToken: session.refreshToken });
    expect(reuse.status).toBe(401);
    const afterTheft = await api.post('/api/v1/auth/refresh', { refreshToken: newer });
    expect(afterTheft.status).toBe(401);
  });

  it('logs out by revoking the refresh token family', async () => {
    const session = await register('Out');
    const logout = await api.post('/api/v1/auth/logout', { refreshToken: session.refreshToken });
    expect(logout.status).toBe(204);
    const refresh = await api.post('/api/v1/auth/refresh', { refreshToken: session.refreshToken });
    expect(refresh.status).toBe(401);
  });

  it('needs a valid access token', async () => {
    expect((await api.get('/api/v1/products')).status).toBe(401);
    expect((await api.get('/api/v1/auth/me', 'not-a-jwt')).status).toBe(401);
    const session = await register('Tamper');
    const [header, payload] = session.accessToken.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(86)}`;
    expect((await api.get('/api/v1/auth/me', forged)).status).toBe(401);
  });

  it('creates, lists, reads, updates and deletes products', async () => {
    const { accessToken: token } = await register('Shop');
    const created = await api.post(
      '/api/v1/products',
      {
        title: 'Hand-thrown mug',
        description: 'Stoneware, 350 ml',
        priceMinor: 2800,
        currency: 'usd',
        costMinor: 900,
        tags: ['Ceramics', 'mug'],
        destinationUrl: 'https://shop.example.com/mug',
        externalId: 'MUG-1',
      },
      token,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Hand-thrown mug',
      currency: 'USD',
      marginMinor: 1900,
      status: 'active',
    });
    const id = String(created.body.id);

    const list = await api.get<{ items: Array<{ id: string }>; nextCursor: string | null }>(
      '/api/v1/products?q=mug&limit=10',
      token,
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((item) => item.id)).toEqual([id]);

    const updated = await api.patch(`/api/v1/products/${id}`, { priceMinor: 3200, description: null }, token);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ priceMinor: 3200, description: null, marginMinor: 2300 });

    expect((await api.get(`/api/v1/products/${id}`, token)).body).toMatchObject({ priceMinor: 3200 });
    expect((await api.delete(`/api/v1/products/${id}`, token)).status).toBe(204);
    expect((await api.get(`/api/v1/products/${id}`, token)).status).toBe(404);
  });

  it('rejects unknown fields and bad values with 400, changing nothing', async () => {
    const { accessToken: token } = await register('Strict');
    const unknown = await api.post('/api/v1/products', { title: 'Lamp', isFeatured: true }, token);
    expect(unknown.status).toBe(400);
    expect(String(unknown.body.message)).toMatch(/isFeatured/);
    const badUrl = await api.post(
      '/api/v1/products',
      { title: 'Lamp', destinationUrl: 'javascript:alert(1)' },
      token,
    );
    expect(badUrl.status).toBe(400);
    const badId = await api.get('/api/v1/products/not-a-uuid', token);
    expect(badId.status).toBe(400);
    const list = await api.get<{ items: unknown[] }>('/api/v1/products', token);
    expect(list.body.items).toHaveLength(0);
  });

  it("hides another workspace's products behind 404", async () => {
    const alice = await register('Alice');
    const bob = await register('Bob');
    const created = await api.post('/api/v1/products', { title: 'Secret scarf' }, alice.accessToken);
    const id = String(created.body.id);
    expect((await api.get(`/api/v1/products/${id}`, bob.accessToken)).status).toBe(404);
    expect((await api.patch(`/api/v1/products/${id}`, { title: 'Mine now' }, bob.accessToken)).status).toBe(
      404,
    );
    expect((await api.delete(`/api/v1/products/${id}`, bob.accessToken)).status).toBe(404);
    const bobsList = await api.get<{ items: unknown[] }>('/api/v1/products', bob.accessToken);
    expect(bobsList.body.items).toHaveLength(0);
    expect((await api.get(`/api/v1/products/${id}`, alice.accessToken)).body).toMatchObject({
      title: 'Secret scarf',
    });
  });

  it('enforces roles: viewers read, editors write, owners and admins manage members', async () => {
    const owner = await register('Owner');
    const viewer = await register('Viewer');
    const editor = await register('Editor');
    const product = await api.post('/api/v1/products', { title: 'Shared candle' }, owner.accessToken);

    const outboxDir = (system as RunningSystem).outboxDir;
    const viewerToken = (
      await joinWorkspace(api, outboxDir, asTeamSession(owner), asTeamSession(viewer), 'viewer')
    ).token;
    const editorToken = (
      await joinWorkspace(api, outboxDir, asTeamSession(owner), asTeamSession(editor), 'editor')
    ).token;

    expect((await api.get(`/api/v1/products/${String(product.body.id)}`, viewerToken)).status).toBe(200);
    expect((await api.post('/api/v1/products', { title: 'Nope' }, viewerToken)).status).toBe(403);
    expect((await api.post('/api/v1/products', { title: 'Yes' }, editorToken)).status).toBe(201);
    const editorAdds = await api.post(
      '/api/v1/workspaces/current/members',
      { email: uniqueEmail('x'), role: 'viewer' },
      editorToken,
    );
    expect(editorAdds.status).toBe(403);

    const members = await api.get<Array<{ userId: string; role: string }>>(
      '/api/v1/workspaces/current/members',
      owner.accessToken,
    );
    expect(members.body.map((member) => member.role).sort()).toEqual(['editor', 'owner', 'viewer']);
    const demoteLastOwner = await api.patch(
      `/api/v1/workspaces/current/members/${owner.userId}`,
      { role: 'viewer' },
      owner.accessToken,
    );
    expect(demoteLastOwner.status).toBe(409);
    const removeViewer = await api.delete(
      `/api/v1/workspaces/current/members/${viewer.userId}`,
      owner.accessToken,
    );
    expect(removeViewer.status).toBe(204);
  });

  it('joins only the invitee who verified the invited address; invitations are listed and revoked', async () => {
    const owner = await register('Owner');
    const impostor = await register('cfo');
    const outboxDir = (system as RunningSystem).outboxDir;
    const invited = await api.post<{ id: string; email: string; role: string }>(
      '/api/v1/workspaces/current/members',
      { email: impostor.email, role: 'admin' },
      owner.accessToken,
    );
    expect(invited.status).toBe(202);
    expect(invited.body).toMatchObject({ email: impostor.email, role: 'admin' });
    const token = await outboxToken(outboxDir, impostor.email, INVITATION_SUBJECT);
    const preview = await api.post('/api/v1/invitations/preview', { token });
    expect(preview.body).toMatchObject({ role: 'admin', email: impostor.email, invitedBy: 'Owner' });
    const refused = await api.post('/api/v1/invitations/accept', { token }, impostor.accessToken);
    expect(refused.status).toBe(403);
    const members = await api.get<unknown[]>('/api/v1/workspaces/current/members', owner.accessToken);
    expect(members.body).toHaveLength(1);

    const pending = await api.get<Array<{ id: string }>>(
      '/api/v1/workspaces/current/invitations',
      owner.accessToken,
    );
    expect(pending.body).toEqual([expect.objectContaining({ id: invited.body.id, email: impostor.email })]);
    const revoked = await api.delete(
      `/api/v1/workspaces/current/invitations/${invited.body.id}`,
      owner.accessToken,
    );
    expect(revoked.status).toBe(204);
    await verifyEmail(api, outboxDir, asTeamSession(impostor));
    expect((await api.post('/api/v1/invitations/accept', { token }, impostor.accessToken)).status).toBe(404);
    const me = await api.get<{ user: { emailVerified: boolean } }>('/api/v1/auth/me', impostor.accessToken);
    expect(me.body.user.emailVerified).toBe(true);
  });

  async function switchTo(session: Session, workspaceId: string): Promise<string> {
    const switched = await api.post('/api/v1/auth/switch', { workspaceId }, session.accessToken);
    expect(switched.status).toBe(200);
    return String(switched.body.accessToken);
  }

  it('lets a user own several workspaces and switch between them', async () => {
    const session = await register('Multi');
    const second = await api.post('/api/v1/workspaces', { name: 'Second shop' }, session.accessToken);
    expect(second.status).toBe(201);
    const listed = await api.get<Array<{ id: string; role: string }>>(
      '/api/v1/workspaces',
      session.accessToken,
    );
    expect(listed.body).toHaveLength(2);
    const token = await switchTo(session, String(second.body.id));
    expect((await api.get('/api/v1/auth/me', token)).body).toMatchObject({
      workspace: { name: 'Second shop' },
    });
    const stranger = await register('Stranger');
    const denied = await api.post(
      '/api/v1/auth/switch',
      { workspaceId: String(second.body.id) },
      stranger.accessToken,
    );
    expect(denied.status).toBe(404);
  });

  it('carries events from auth and content to analytics', async () => {
    const session = await register('Events');
    await api.post('/api/v1/products', { title: 'One' }, session.accessToken);
    const two = await api.post('/api/v1/products', { title: 'Two' }, session.accessToken);
    await api.delete(`/api/v1/products/${String(two.body.id)}`, session.accessToken);
    await pollUntil(
      async () => (await api.get('/api/v1/analytics/summary', session.accessToken)).body,
      (summary) => summary.products === 1 && summary.registeredUsers === 1,
      'one product and one user in the analytics summary',
      20_000,
    );
  });

  it('publishes a valid OpenAPI 3 document listing every route', async () => {
    const response = await api.get<Record<string, unknown>>('/docs-json');
    expect(response.status).toBe(200);
    expect(String(response.body.openapi)).toMatch(/^3\./);
    const validation = await new Validator().validate(response.body);
    expect(validation.errors).toBeUndefined();
    expect(validation.valid).toBe(true);
    const paths = response.body.paths as Record<string, Record<string, unknown>>;
    const routes = Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m} ${path}`),
    );
    expect(routes).toEqual(expect.arrayContaining(EXPECTED_ROUTES));
    const explorer = await api.get('/docs');
    expect(explorer.status).toBe(200);
  });

  it('reports readiness and metrics', async () => {
    const ready = await api.get<{
      status: string;
      checks: Array<{ name: string; isHealthy: boolean; stuckEvents?: { count: number } }>;
    }>('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.map((check) => check.name).sort()).toEqual([
      'analytics',
      'auth',
      'content',
      'platform',
    ]);
    // Each service reports the events it could not hand on: none here.
    for (const check of ready.body.checks) expect(check.stuckEvents).toEqual({ count: 0, oldestAt: null });
    // Metrics name routes and show traffic: the public port does not serve them, the ops port does.
    expect((await api.get('/metrics')).status).toBe(404);
    const ops = new ApiClient((system as RunningSystem).opsUrl);
    const metrics = await ops.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(String(metrics.body)).toContain('shopcast_http_request_duration_seconds');
    expect(String(metrics.body)).toContain('shopcast_rpc_request_duration_seconds');
    expect(String(metrics.body)).toContain('shopcast_outbox_stuck_events');
    expect((await ops.get<{ status: string }>('/health/ready')).body.status).toBe('ok');
  });
});
