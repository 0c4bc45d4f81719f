import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { plainJpeg } from '../fixtures/images.js';
import { captureBytes, meanVolumeDb, toneFile } from '../../apps/content/test/video-test-support.js';
import { ApiClient, registerUser } from './api-client.js';
import { pollUntil } from '../support/polling.js';
import { type RunningSystem, startStandalone, SYSTEM_STOP_TIMEOUT, tempDataDir } from './system.js';

interface MediaBody {
  id: string;
  kind: string;
  status: string;
}

interface VideoBody {
  id: string;
  status: string;
  progress: number;
  failureReason: string | null;
  outputs: Array<{ format: string; url: string; width: number; height: number; bytes: number }>;
}

let system: RunningSystem | undefined;
let dataDir: string;
let api: ApiClient;

const register = async (label: string): Promise<string> => (await registerUser(api, label)).token;

beforeAll(async () => {
  dataDir = await tempDataDir();
  system = await startStandalone(dataDir);
  api = new ApiClient(system.baseUrl);
}, 240_000);

afterAll(async () => {
  await system?.stop();
  await rm(dataDir, { recursive: true, force: true });
}, SYSTEM_STOP_TIMEOUT);

async function postFile(path: string, token: string, file: Buffer, name: string) {
  const form = new FormData();
  form.append('file', new Blob([file]), name);
  const response = await fetch(`${api.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as MediaBody };
}

/** The URL as served by this system (PUBLIC_BASE_URL may name another host for the same gateway). */
function local(url: string): string {
  const parsed = new URL(url);
  return `${api.baseUrl}${parsed.pathname}${parsed.search}`;
}

describe('product videos through the HTTP API (standalone)', () => {
  it('uploads an image and music, renders a video with the workspace brand, and serves the MP4', async () => {
    const owner = await register('video-owner');
    const product = await api.post('/api/v1/products', { title: 'Aurora "Desk" Lamp: 🔥 مصباح' }, owner);
    const productId = (product.body as { id: string }).id;

    const image = await postFile(
      `/api/v1/products/${productId}/media`,
      owner,
      await plainJpeg(1200, 900, 5),
      'a.jpg',
    );
    expect(image.status).toBe(202);
    const music = await postFile(
      `/api/v1/products/${productId}/media`,
      owner,
      await toneFile('mp3', 3),
      'a.mp3',
    );
    expect(music).toMatchObject({ status: 202, body: { kind: 'audio', status: 'ready' } });
    const ready = await pollUntil(
      async () => (await api.get<MediaBody>(`/api/v1/media/${image.body.id}`, owner)).body,
      (body) => body.status !== 'processing',
      'the image processed',
      60_000,
    );
    expect(ready.status).toBe('ready');

    const unknownFont = await api.request('PUT', '/api/v1/settings/brand', {
      body: { font: 'Comic Sans MS' },
      token: owner,
    });
    expect(unknownFont.status).toBe(400);
    const brand = await api.request('PUT', '/api/v1/settings/brand', {
      body: { colors: ['#223344'], font: 'DejaVu Serif' },
      token: owner,
    });
    expect(brand).toMatchObject({ status: 200, body: { colors: ['#223344'], font: 'DejaVu Serif' } });

    const created = await api.post<VideoBody>(
      `/api/v1/products/${productId}/videos`,
      {
        template: 'price_drop',
        durationSec: 6,
        formats: ['x_720x1280'],
        texts: { price: '$19', oldPrice: '$29', cta: 'Shop now' },
        music: { mediaId: music.body.id },
      },
      owner,
    );
    expect(created).toMatchObject({ status: 202, body: { status: 'queued' } });
    const video = await pollUntil(
      async () => (await api.get<VideoBody>(`/api/v1/videos/${created.body.id}`, owner)).body,
      (body) => body.status === 'ready' || body.status === 'failed',
      'the video rendered',
      120_000,
    );
    expect(video).toMatchObject({ status: 'ready', progress: 100, failureReason: null });
    const [output] = video.outputs;
    expect(output).toMatchObject({ format: 'x_720x1280', width: 720, height: 1280 });

    const download = await fetch(local(output.url));
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.length).toBe(output.bytes);
    const file = join(dataDir, 'downloaded.mp4');
    await writeFile(file, bytes);
    const { stdout } = await captureBytes('ffprobe', [
      ...['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', file],
    ]);
    expect(stdout.toString().trim().split('\n')).toEqual(['h264', 'aac']);
    expect(await meanVolumeDb(file)).toBeGreaterThan(-45);

    const stranger = await register('video-stranger');
    expect((await api.get(`/api/v1/videos/${video.id}`, stranger)).status).toBe(404);
  }, 300_000);
});
