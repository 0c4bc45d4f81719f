import { chmod, rm } from 'node:fs/promises';
import { ApiClient, STRONG_PASSWORD, uniqueEmail } from '../test/e2e/api-client.js';
import { type RunningSystem, startDistributed, startStandalone, tempDataDir } from '../test/e2e/system.js';
import type { Target } from './load.js';

export type Mode = 'standalone' | 'distributed';

/** Starts Shopcast in `mode`, registers a user through the API and creates the product to read. */
export async function startShopcast(mode: Mode): Promise<Target> {
  const dataDir = mode === 'standalone' ? await tempDataDir() : undefined;
  // mkdtemp makes it 0700; run as root, the embedded Postgres runs as `postgres` and must traverse it.
  if (dataDir) await chmod(dataDir, 0o755);
  const removeDataDir = async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  const system: RunningSystem = await (dataDir ? startStandalone(dataDir) : startDistributed()).catch(
    async (error: unknown) => {
      await removeDataDir();
      throw error;
    },
  );
  const stop = async () => {
    await system.stop();
    await removeDataDir();
  };
  try {
    const api = new ApiClient(system.baseUrl);
    const registered = await api.post<{ accessToken?: string }>('/api/v1/auth/register', {
      email: uniqueEmail('bench'),
      password: STRONG_PASSWORD,
      name: 'Bench',
    });
    const token = registered.body.accessToken;
    if (registered.status !== 201 || !token)
      throw new Error(`register answered ${registered.status}: ${JSON.stringify(registered.body)}`);
    const created = await api.post<{ id?: string }>(
      '/api/v1/products',
      {
        title: 'Bench mug',
        description: 'A mug to benchmark with',
        priceMinor: 1999,
        currency: 'USD',
        tags: ['bench'],
      },
      token,
    );
    const productId = created.body.id;
    if (created.status !== 201 || !productId)
      throw new Error(`create product answered ${created.status}: ${JSON.stringify(created.body)}`);
    return { baseUrl: system.baseUrl, token, productId, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
