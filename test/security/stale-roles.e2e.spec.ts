import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClient, type ApiResponse, registerUser, type Session } from '../e2e/api-client.js';
import { pollUntil } from '../support/polling.js';
import {
  type DistributedSystem,
  type RunningSystem,
  startDistributed,
  startStandalone,
  SYSTEM_STOP_TIMEOUT,
  tempDataDir,
} from '../e2e/system.js';

// A member's role is read from auth at most 4 seconds before it is used, on every gateway, whatever the lifetime
// of the access token the member holds: a demoted member stops writing, and a removed one stops reading and
// cannot refresh, within 5 seconds of the change.
const DEADLINE_MS = 5_000;

let dataDir: string | undefined;
const modes: Array<[string, () => Promise<RunningSystem>]> = [
  [
    'standalone',
    async () => {
      dataDir = await tempDataDir();
      return startStandalone(dataDir);
    },
  ],
  ['distributed', () => startDistributed()],
];

function isDistributed(system: RunningSystem): system is DistributedSystem {
  return 'startGateway' in system;
}

interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

describe.each(modes)('Membership changes, %s', (_mode, start) => {
  let system: RunningSystem | undefined;
  let api: ApiClient;
  let gateways: ApiClient[];

  beforeAll(async () => {
    system = await start();
    api = new ApiClient(system.baseUrl);
    gateways = [api];
    if (isDistributed(system)) gateways.push(new ApiClient(await system.startGateway()));
  }, 240_000);

  afterAll(async () => {
    await system?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  }, SYSTEM_STOP_TIMEOUT);

  /** A new editor of `owner`'s workspace, signed in to it: their access and refresh tokens, and their id. */
  async function editorOf(owner: Session): Promise<TokenPair & { userId: string }> {
    const user = await registerUser(api, 'editor');
    const added = await api.post<{ userId: string }>(
      '/api/v1/workspaces/current/members',
      { email: user.email, role: 'editor' },
      owner.token,
    );
    expect(added.status).toBe(201);
    const switched = await api.post<TokenPair>(
      '/api/v1/auth/switch',
      { workspaceId: owner.workspaceId },
      user.token,
    );
    expect(switched.status).toBe(200);
    return { ...switched.body, userId: added.body.userId };
  }

  const createProduct = (gateway: ApiClient, token: string) =>
    gateway.post('/api/v1/products', { title: 'Mug' }, token);
  const messageOf = (response: ApiResponse) => (response.body as { message?: string }).message;

  /** Polls every gateway until `isChanged` holds for its answer; answers each gateway's answer and delay. */
  async function untilEveryGateway(
    request: (gateway: ApiClient) => Promise<ApiResponse>,
    isChanged: (response: ApiResponse) => boolean,
    what: string,
  ): Promise<Array<{ response: ApiResponse; afterMs: number }>> {
    const changedAt = Date.now();
    return Promise.all(
      gateways.map(async (gateway) => {
        const response = await pollUntil(
          () => request(gateway),
          isChanged,
          `${what} on ${gateway.baseUrl}`,
          DEADLINE_MS,
        );
        return { response, afterMs: Date.now() - changedAt };
      }),
    );
  }

  it('stops a demoted member writing on every gateway within 5 seconds', async () => {
    const owner = await registerUser(api, 'owner');
    const editor = await editorOf(owner);
    // Every gateway has verified the token and looked the member up: both are cached now.
    for (const gateway of gateways)
      expect((await createProduct(gateway, editor.accessToken)).status).toBe(201);

    const demoted = await api.patch(
      `/api/v1/workspaces/current/members/${editor.userId}`,
      { role: 'viewer' },
      owner.token,
    );
    expect(demoted.status).toBe(200);
    const answers = await untilEveryGateway(
      (gateway) => createProduct(gateway, editor.accessToken),
      (response) => response.status !== 201,
      'the demoted editor refused',
    );
    for (const { response } of answers) expect(response.status).toBe(403);
    process.stdout.write(
      `demotion took effect after ${answers.map((answer) => answer.afterMs).join(', ')} ms\n`,
    );
    for (const gateway of gateways)
      expect((await gateway.get('/api/v1/products', editor.accessToken)).status).toBe(200);
  }, 60_000);

  it('shuts a removed member out on every gateway within 5 seconds, and revokes their refresh token', async () => {
    const owner = await registerUser(api, 'owner');
    const editor = await editorOf(owner);
    for (const gateway of gateways)
      expect((await createProduct(gateway, editor.accessToken)).status).toBe(201);

    const removed = await api.delete(`/api/v1/workspaces/current/members/${editor.userId}`, owner.token);
    expect(removed.status).toBe(204);
    const answers = await untilEveryGateway(
      (gateway) => gateway.get('/api/v1/products', editor.accessToken),
      (response) => response.status !== 200,
      'the removed member refused',
    );
    for (const { response } of answers) {
      expect(response.status).toBe(401);
      expect(messageOf(response)).toBe('You are no longer a member of this workspace');
    }
    process.stdout.write(
      `removal took effect after ${answers.map((answer) => answer.afterMs).join(', ')} ms\n`,
    );
    for (const gateway of gateways)
      expect((await createProduct(gateway, editor.accessToken)).status).toBe(401);
    const refreshed = await api.post('/api/v1/auth/refresh', { refreshToken: editor.refreshToken });
    expect(refreshed.status).toBe(401);
    const products = await api.get<{ items: unknown[] }>('/api/v1/products', owner.token);
    expect(products.body.items).toHaveLength(gateways.length);
  }, 60_000);
});
