import { afterAll, describe, expect, it } from '@jest/globals';
import { rm } from 'node:fs/promises';
import { ApiClient, STRONG_PASSWORD, uniqueEmail } from './api-client.js';
import { type StandaloneSystem, startStandalone, SYSTEM_STOP_TIMEOUT, tempDataDir } from './system.js';

describe('Standalone data survives restarts', () => {
  let dataDir: string | undefined;
  let system: StandaloneSystem | undefined;

  afterAll(async () => {
    await system?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, SYSTEM_STOP_TIMEOUT);

  it('keeps users and products across a clean stop and a hard kill', async () => {
    dataDir = await tempDataDir();
    system = await startStandalone(dataDir);
    let api = new ApiClient(system.baseUrl);
    const email = uniqueEmail('Keeper');
    const registered = await api.post('/api/v1/auth/register', {
      email,
      password: STRONG_PASSWORD,
      name: 'Keeper',
    });
    expect(registered.status).toBe(201);
    const created = await api.post(
      '/api/v1/products',
      { title: 'Kept vase' },
      String(registered.body.accessToken),
    );
    expect(created.status).toBe(201);
    // A SIGTERM to the Shopcast process alone stops services before Postgres: exit 0, no connection errors.
    const stopped = await system.terminate();
    expect(stopped.exitCode).toBe(0);
    expect(stopped.output).not.toMatch(/Unhandled|"level":50|terminating connection/);

    system = await startStandalone(dataDir);
    api = new ApiClient(system.baseUrl);
    const login = await api.post('/api/v1/auth/login', { email, password: STRONG_PASSWORD });
    expect(login.status).toBe(200);
    const token = String(login.body.accessToken);
    expect((await api.get(`/api/v1/products/${String(created.body.id)}`, token)).status).toBe(200);
    const second = await api.post('/api/v1/products', { title: 'Written before the crash' }, token);
    expect(second.status).toBe(201);
    await system.kill();

    system = await startStandalone(dataDir);
    api = new ApiClient(system.baseUrl);
    const again = await api.post('/api/v1/auth/login', { email, password: STRONG_PASSWORD });
    expect(again.status).toBe(200);
    const list = await api.get<{ items: Array<{ title: string }> }>(
      '/api/v1/products',
      String(again.body.accessToken),
    );
    expect(list.body.items.map((item) => item.title).sort()).toEqual([
      'Kept vase',
      'Written before the crash',
    ]);
  }, 300_000);
});
