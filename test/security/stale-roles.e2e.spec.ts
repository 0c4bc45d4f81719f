import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClient, type ApiResponse, registerUser } from '../e2e/api-client.js';
import { newMember } from '../e2e/team.js';
import { pollUntil } from '../support/polling.js';
import { bothModes, isDistributed, type RunningSystem, SYSTEM_STOP_TIMEOUT } from '../e2e/system.js';

// A member's role is read from auth at most 4 seconds before it is used, on every gateway, whatever the lifetime
// of the access token the member holds: a demoted member stops writing, and a removed one stops reading and
// cannot refresh, within 5 seconds of the change.
const DEADLINE_MS = 5_000;

describe.each(bothModes())('Membership changes, %s', (_mode, start) => {
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
  }, SYSTEM_STOP_TIMEOUT);

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
    const editor = await newMember(api, (system as RunningSystem).outboxDir, owner, 'editor', 'editor');
    // Every gateway has verified the token and looked the member up: both are cached now.
    for (const gateway of gateways) expect((await createProduct(gateway, editor.token)).status).toBe(201);

    const demoted = await api.patch(
      `/api/v1/workspaces/current/members/${editor.userId}`,
      { role: 'viewer' },
      owner.token,
    );
    expect(demoted.status).toBe(200);
    const answers = await untilEveryGateway(
      (gateway) => createProduct(gateway, editor.token),
      (response) => response.status !== 201,
      'the demoted editor refused',
    );
    for (const { response } of answers) expect(response.status).toBe(403);
    process.stdout.write(
      `demotion took effect after ${answers.map((answer) => answer.afterMs).join(', ')} ms\n`,
    );
    for (const gateway of gateways)
      expect((await gateway.get('/api/v1/products', editor.token)).status).toBe(200);
  }, 60_000);

  it('shuts a removed member out on every gateway within 5 seconds, and revokes their refresh token', async () => {
    const owner = await registerUser(api, 'owner');
    const editor = await newMember(api, (system as RunningSystem).outboxDir, owner, 'editor', 'editor');
    for (const gateway of gateways) expect((await createProduct(gateway, editor.token)).status).toBe(201);

    const removed = await api.delete(`/api/v1/workspaces/current/members/${editor.userId}`, owner.token);
    expect(removed.status).toBe(204);
    const answers = await untilEveryGateway(
      (gateway) => gateway.get('/api/v1/products', editor.token),
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
    for (const gateway of gateways) expect((await createProduct(gateway, editor.token)).status).toBe(401);
    const refreshed = await api.post('/api/v1/auth/refresh', { refreshToken: editor.refreshToken });
    expect(refreshed.status).toBe(401);
    const products = await api.get<{ items: unknown[] }>('/api/v1/products', owner.token);
    expect(products.body.items).toHaveLength(gateways.length);
  }, 60_000);
});
