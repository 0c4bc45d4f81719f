import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClient, registerUser, type Session } from './api-client.js';
import { pollUntil } from '../support/polling.js';
import { type RunningSystem, startStandalone, SYSTEM_STOP_TIMEOUT, tempDataDir } from './system.js';

interface Report {
  id: string;
  status: string;
  dryRun: boolean;
  processedRows: number;
  valid: number;
  created: number;
  rejected: number;
  rejectedRows: Array<{ line: number; reason: string }>;
  createdPosts: Array<{ line: number; postId: string }>;
}
interface Post {
  id: string;
  scheduledAt: string | null;
  productId: string | null;
  targets: Array<{ connectionId: string; text: string; status: string; variant: string | null }>;
}

// Bulk scheduling over HTTP, as a user does it: standalone Shopcast, a CSV file, then the posts it made.
let system: RunningSystem;
let api: ApiClient;
let dataDir: string;
let seller: Session;
const connections: Record<string, string> = {};
let mugId: string;

/** Two days ahead, as YYYY-MM-DD. */
const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

async function importFile(csv: string, token: string, query = '') {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'posts.csv');
  const response = await fetch(`${api.baseUrl}/api/v1/posts/import${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Report };
}

const posts = async (token = seller.token) => (await api.get<Post[]>('/api/v1/posts?limit=100', token)).body;

beforeAll(async () => {
  dataDir = await tempDataDir();
  system = await startStandalone(dataDir);
  api = new ApiClient(system.baseUrl);
  seller = await registerUser(api, 'bulk-seller');
  for (const name of ['Shop notes', 'Newsletter']) {
    const created = await api.post<{ id: string }>(
      '/api/v1/connections',
      { platform: 'manual', name },
      seller.token,
    );
    expect(created.status).toBe(201);
    connections[name] = created.body.id;
  }
  const mug = await api.post<{ id: string }>(
    '/api/v1/products',
    { title: 'Blue mug', externalId: 'MUG-1' },
    seller.token,
  );
  mugId = mug.body.id;
}, 240_000);

afterAll(async () => {
  await system?.stop();
  await rm(dataDir, { recursive: true, force: true });
}, SYSTEM_STOP_TIMEOUT);

describe('bulk scheduling over the HTTP API (standalone)', () => {
  const csv = [
    'product,connections,text,scheduledAt,timezone,variant',
    `MUG-1,Shop notes|Newsletter,Mug of the day,${day}T09:00:00+02:00,,A`,
    `${'MUG-1'},Shop notes,"Two lines,\nof mug",${day} 18:15,Europe/London,`,
    `MUG-2,Shop notes,No such product,${day}T09:00:00Z,,`,
    `MUG-1,Newsletter,,${day}T09:00:00Z,,`,
    `MUG-1,Somewhere,Nowhere,${day}T09:00:00Z,,`,
    `MUG-1,Shop notes,When?,soon,,`,
  ].join('\n');

  it('reports bad rows by line on a dry run and creates nothing', async () => {
    const { status, body } = await importFile(csv, seller.token, '?dryRun=true');
    expect(status).toBe(201);
    expect(body).toMatchObject({ status: 'completed', dryRun: true, processedRows: 6, valid: 2, created: 0 });
    expect(body.rejectedRows).toEqual([
      { line: 5, reason: 'product "MUG-2" was not found by id or SKU' },
      { line: 6, reason: expect.stringMatching(/^text is missing/) },
      { line: 7, reason: 'connection "Somewhere" was not found by id or name' },
      { line: 8, reason: expect.stringMatching(/^scheduledAt "soon" is not a date and time/) },
    ]);
    expect(await posts()).toEqual([]);
  }, 60_000);

  it('creates the good rows, listed with their times and connections, and keeps the report to its workspace', async () => {
    const { status, body } = await importFile(csv, seller.token);
    expect(status).toBe(201);
    expect(body).toMatchObject({ status: 'completed', dryRun: false, created: 2, rejected: 4 });
    expect(body.createdPosts.map((created) => created.line)).toEqual([2, 3]);
    const listed = await posts();
    const [mug, twoLines] = body.createdPosts.map(({ postId }) => listed.find((post) => post.id === postId));
    expect(mug).toMatchObject({ productId: mugId, scheduledAt: `${day}T07:00:00.000Z` });
    expect(mug?.targets.map((target) => target.connectionId).sort()).toEqual(
      [connections['Shop notes'], connections.Newsletter].sort(),
    );
    expect(mug?.targets.every((target) => target.status === 'scheduled' && target.variant === 'A')).toBe(
      true,
    );
    // 18:15 in London is 17:15 UTC in summer and 18:15 in winter.
    const london = new Date(`${day}T18:15:00Z`);
    const isSummer =
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/London',
        hour: '2-digit',
        hourCycle: 'h23',
      }).format(london) === '19';
    expect(twoLines?.scheduledAt).toBe(`${day}T${isSummer ? '17' : '18'}:15:00.000Z`);
    expect(twoLines?.targets).toEqual([
      expect.objectContaining({ connectionId: connections['Shop notes'], text: 'Two lines,\nof mug' }),
    ]);

    const report = await api.get<Report>(`/api/v1/posts/imports/${body.id}`, seller.token);
    expect(report).toMatchObject({ status: 200, body: { id: body.id, created: 2 } });
    const stranger = await registerUser(api, 'bulk-stranger');
    expect((await api.get(`/api/v1/posts/imports/${body.id}`, stranger.token)).status).toBe(404);
    expect(await posts(stranger.token)).toEqual([]);
  }, 60_000);

  it('imports a JSON body, and refuses a bad one with a clear 400', async () => {
    const imported = await api.post<Report>(
      '/api/v1/posts/import',
      {
        posts: [
          { product: mugId, connections: ['Newsletter'], text: 'From JSON', scheduledAt: `${day}T12:00:00Z` },
        ],
      },
      seller.token,
    );
    expect(imported).toMatchObject({ status: 201, body: { created: 1, rejected: 0 } });
    const tooMany = await api.post(
      '/api/v1/posts/import',
      { posts: Array.from({ length: 10_001 }, () => ({})) },
      seller.token,
    );
    expect(tooMany).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/at most 10000 rows/) },
    });
    const notRows = await api.post('/api/v1/posts/import', { posts: 'all of them' }, seller.token);
    expect(notRows.status).toBe(400);
    const badFlag = await importFile(csv, seller.token, '?dryRun=maybe');
    expect(badFlag.status).toBe(400);
  }, 60_000);

  it('runs a large file as a job whose progress can be followed to its report', async () => {
    const rows = Array.from(
      { length: 3000 },
      (_, n) => `MUG-1,Newsletter,Post number ${n} of the spring series ${'.'.repeat(40)},next-slot`,
    );
    const { status, body } = await importFile(
      ['product,connections,text,scheduledAt', ...rows].join('\n'),
      seller.token,
    );
    expect(status).toBe(202);
    expect(body.status).toBe('running');
    const done = await pollUntil(
      async () => (await api.get<Report>(`/api/v1/posts/imports/${body.id}`, seller.token)).body,
      (report) => report.status !== 'running',
      'the import job',
      120_000,
    );
    expect(done).toMatchObject({ status: 'completed', processedRows: 3000, created: 3000, rejected: 0 });
  }, 150_000);

  it('documents the import routes in the OpenAPI document', async () => {
    const paths = Object.keys((await api.get<{ paths: object }>('/docs-json')).body.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/posts/import', '/api/v1/posts/imports/{id}']));
  });
});
