import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** A loopback file host for test videos: what a shop's media URL points at. */
export class VideoHost {
  private readonly files = new Map<string, Buffer>();
  private server?: Server;
  url = '';

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const file = this.files.get(new URL(request.url ?? '/', 'http://host').pathname);
      if (!file) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': file.length }).end(file);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  /** Serves the bytes at `path` and returns their URL. */
  serve(path: string, bytes: Buffer): string {
    this.files.set(path, bytes);
    return `${this.url}${path}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

/** Random bytes behind an MP4 `ftyp` box: for tests where only the size and type matter. */
export function fakeMp4Bytes(size: number): Buffer {
  const bytes = randomBytes(size);
  const ftyp = Buffer.from([
    0,
    0,
    0,
    0x18,
    ...Buffer.from('ftypisom'),
    0,
    0,
    2,
    0,
    ...Buffer.from('isomiso2mp41'),
  ]);
  ftyp.copy(bytes, 0);
  return bytes;
}

/** A real H.264 MP4 of `seconds` seconds rendered by ffmpeg. */
export async function renderTestVideo(seconds: number): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'tiktok-video-'));
  const file = join(dir, 'test.mp4');
  try {
    await promisify(execFile)('ffmpeg', [
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      `testsrc=size=540x960:rate=25:duration=${seconds}`,
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-movflags',
      '+faststart',
      '-y',
      file,
    ]);
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
