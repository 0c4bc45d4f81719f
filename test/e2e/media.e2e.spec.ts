import { request } from 'node:http';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Validator } from '@seriousme/openapi-schema-validator';
import sharp from 'sharp';
import { plainJpeg } from '../fixtures/images.js';
import { ApiClient, registerUser } from './api-client.js';
import { newMember } from './team.js';
import { pollUntil } from '../support/polling.js';
import { type RunningSystem, startStandalone, SYSTEM_STOP_TIMEOUT, tempDataDir } from './system.js';

interface MediaBody {
  id: string;
  status: string;
  variants: Array<{ name: string; width: number; height: number; url: string }>;
  originalUrl: string;
}

const MAX_IMAGE_BYTES = 200_000;
let system: RunningSystem | undefined;
let dataDir: string;
let api: ApiClient;

const outboxDir = () => (system as RunningSystem).outboxDir;
const register = async (label: string): Promise<string> => (await registerUser(api, label)).token;

beforeAll(async () => {
  dataDir = await tempDataDir();
  system = await startStandalone(dataDir, { MEDIA_MAX_IMAGE_BYTES: String(MAX_IMAGE_BYTES) });
  api = new ApiClient(system.baseUrl);
}, 240_000);

afterAll(async () => {
  await system?.stop();
  await rm(dataDir, { recursive: true, force: true });
}, SYSTEM_STOP_TIMEOUT);

/** Posts one file as multipart field `file`, with optional fields sent before it. */
async function postFile(
  path: string,
  token: string,
  file: Buffer,
  name: string,
  fields: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('file', new Blob([file]), name);
  const response = await fetch(`${api.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The URL as served by this system (PUBLIC_BASE_URL may name another host for the same gateway). */
function local(url: string): string {
  const parsed = new URL(url);
  return `${api.baseUrl}${parsed.pathname}${parsed.search}`;
}

describe('media and import through the HTTP API (standalone)', () => {
  let owner: string;
  let stranger: string;
  let productId: string;

  beforeAll(async () => {
    owner = await register('media-owner');
    stranger = await register('media-stranger');
    const product = await api.post('/api/v1/products', { title: 'Desk lamp' }, owner);
    productId = (product.body as { id: string }).id;
  }, 60_000);

  it('uploads, processes in a job, and serves every variant through signed URLs', async () => {
    const uploaded = await postFile(
      `/api/v1/products/${productId}/media`,
      owner,
      await plainJpeg(1600, 1200, 11),
      'lamp.jpg',
    );
    expect(uploaded).toMatchObject({ status: 202, body: { status: 'processing', kind: 'image' } });
    const id = uploaded.body.id as string;

    const media = await pollUntil(
      async () => (await api.get<MediaBody>(`/api/v1/media/${id}`, owner)).body,
      (body) => body.status !== 'processing',
      'the upload processed',
      60_000,
    );
    expect(media.status).toBe('ready');
    expect(media.variants).toHaveLength(8);
    for (const variant of media.variants) {
      const response = await fetch(local(variant.url));
      expect({ name: variant.name, status: response.status }).toEqual({ name: variant.name, status: 200 });
      expect(response.headers.get('content-type')).toMatch(/^image\/(jpeg|webp)$/);
      const size = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
      expect({ name: variant.name, width: size.width, height: size.height }).toEqual({
        name: variant.name,
        width: variant.width,
        height: variant.height,
      });
    }

    const story = new URL(local(media.variants.find((variant) => variant.name === 'story')!.url));
    const signature = story.searchParams.get('signature')!;
    story.searchParams.set('signature', `${signature.startsWith('x') ? 'y' : 'x'}${signature.slice(1)}`);
    expect((await fetch(story)).status).toBe(403);
    story.searchParams.delete('signature');
    expect((await fetch(story)).status).toBe(403);

    expect((await api.get(`/api/v1/media/${id}`, stranger)).status).toBe(404);
    expect((await api.get(`/api/v1/products/${productId}/media`, stranger)).status).toBe(404);
    expect((await api.delete(`/api/v1/media/${id}`, stranger)).status).toBe(404);
    const intrusion = await postFile(
      `/api/v1/products/${productId}/media`,
      stranger,
      await plainJpeg(64, 64, 12),
      'x.jpg',
    );
    expect(intrusion.status).toBe(404);
    const listed = await api.get<MediaBody[]>(`/api/v1/products/${productId}/media`, owner);
    expect(listed.body.map((item) => item.id)).toEqual([id]);
  }, 120_000);

  it('documents the media and import routes in a valid OpenAPI document', async () => {
    const response = await api.get<Record<string, unknown>>('/docs-json');
    const validation = await new Validator().validate(response.body);
    expect(validation.errors).toBeUndefined();
    const paths = Object.keys(response.body.paths as Record<string, unknown>);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/products/{productId}/media',
        '/api/v1/products/{productId}/media/from-url',
        '/api/v1/products/{productId}/media/order',
        '/api/v1/media/{id}',
        '/api/v1/products/import',
        '/api/v1/products/from-url',
        '/api/v1/imports/{id}',
      ]),
    );
    expect(paths.some((path) => path.startsWith('/media/'))).toBe(false);
  });

  it('hands out direct uploads to writers only, for a declared size; filesystem storage has none', async () => {
    const session = await registerUser(api, 'uploads-owner');
    const viewer = await newMember(api, outboxDir(), session, 'uploads-viewer', 'viewer');
    const asViewer = await api.post('/api/v1/media/uploads', { bytes: 1000 }, viewer.token);
    expect(asViewer.status).toBe(403);
    const unsized = await api.post('/api/v1/media/uploads', {}, session.token);
    expect(unsized).toMatchObject({ status: 400, body: { message: expect.stringMatching(/bytes/) } });
    const tooLarge = await api.post('/api/v1/media/uploads', { bytes: MAX_IMAGE_BYTES + 1 }, session.token);
    expect(tooLarge).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
    const onDisk = await api.post('/api/v1/media/uploads', { bytes: 1000 }, session.token);
    expect(onDisk).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/STORAGE_DRIVER=s3/) },
    });
  }, 60_000);

  it("refuses a viewer's upload before reading its body, and stores nothing", async () => {
    const session = await registerUser(api, 'spool-owner');
    const viewer = await newMember(api, outboxDir(), session, 'spool-viewer', 'viewer');
    const product = await api.post('/api/v1/products', { title: 'Vase' }, session.token);
    // The body starts and never ends: an answer can only come from a server that did not wait for it.
    const boundary = 'shopcast-spool-boundary';
    const url = new URL(`${api.baseUrl}/api/v1/products/${(product.body as { id: string }).id}/media`);
    const status = await new Promise<number>((resolve, reject) => {
      const upload = request(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${viewer.token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(50_000_000),
        },
      });
      upload.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
        upload.destroy();
      });
      upload.on('error', reject);
      upload.write(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.jpg"\r\ncontent-type: image/jpeg\r\n\r\n`,
      );
      upload.write(Buffer.alloc(64 * 1024, 7));
    });
    expect(status).toBe(403);
    const media = await api.get(
      `/api/v1/products/${(product.body as { id: string }).id}/media`,
      session.token,
    );
    expect(media.body).toEqual([]);
  }, 60_000);

  it('refuses a file over the size limit with 413 while it streams', async () => {
    const tooLarge = Buffer.alloc(MAX_IMAGE_BYTES + 50_000, 7);
    const response = await postFile(`/api/v1/products/${productId}/media`, owner, tooLarge, 'big.jpg');
    expect(response).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
    const from = await api.post(
      `/api/v1/products/${productId}/media/from-url`,
      { url: 'http://127.0.0.1:9/x.jpg' },
      owner,
    );
    expect(from.status).toBe(400);
  });

  it('refuses a renamed text file with 400', async () => {
    const response = await postFile(
      `/api/v1/products/${productId}/media`,
      owner,
      Buffer.from('just text'),
      'photo.jpg',
    );
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/not a JPEG/);
  });

  it('imports a CSV file and a JSON body, reports per row, and keeps the report to its workspace', async () => {
    const csv = 'sku,title,price,currency\nL1,Lamp shade,12.50,USD\nL2,,3,USD\n';
    const imported = await postFile('/api/v1/products/import', owner, Buffer.from(csv), 'catalog.csv', {
      filters: JSON.stringify({ minPriceMinor: 100 }),
    });
    expect(imported).toMatchObject({ status: 201, body: { status: 'completed', created: 1, rejected: 1 } });
    expect(imported.body.rejectedRows).toEqual([
      { line: 3, reason: expect.stringMatching(/title/), externalId: 'L2' },
    ]);
    const id = imported.body.id as string;
    expect((await api.get(`/api/v1/imports/${id}`, owner)).body).toMatchObject({ id, created: 1 });
    expect((await api.get(`/api/v1/imports/${id}`, stranger)).status).toBe(404);

    const again = await api.post(
      '/api/v1/products/import',
      { products: [{ sku: 'L1', title: 'Lamp shade', price: '12.50', currency: 'USD' }] },
      owner,
    );
    expect(again).toMatchObject({ status: 201, body: { created: 0, updated: 0, unchanged: 1 } });

    const malformed = await postFile(
      '/api/v1/products/import',
      owner,
      Buffer.from('[{"sku": "a",]'),
      'feed.json',
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ details: { line: 1 } });
  }, 60_000);
});
