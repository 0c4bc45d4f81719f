import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { fakeMp4Bytes } from '../../../../test/fakes/tiktok/video-host.js';
import { publishErrorOf } from '../../../../test/support/domain-errors.js';
import { spooledVideoFiles } from '../../../../test/support/spooled-videos.js';
import { PublishError } from './provider.js';
import { type SpooledVideo, VideoSpool } from './video-spool.js';

const MIB = 1024 * 1024;
const VIDEO = fakeMp4Bytes(3 * MIB);

/** A media server that can lie about sizes; records what it sent and how many requests ran at once. */
class LyingMediaServer {
  private server?: Server;
  url = '';
  inFlight = 0;
  maxInFlight = 0;
  /** Bytes written per path before the response finished or the client hung up. */
  readonly sent = new Map<string, { bytes: number; isClosedEarly: boolean }>();

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const path = request.url ?? '/';
      this.inFlight += 1;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      response.on('close', () => (this.inFlight -= 1));
      if (path === '/video.mp4') {
        response.writeHead(200, { 'content-length': VIDEO.length });
        return void this.trickle(path, response, VIDEO);
      }
      // Declares 100 MiB: a client that trusts the length before checking it would read on.
      if (path === '/declared-huge.mp4') {
        response.writeHead(200, { 'content-length': 100 * MIB });
        return void this.trickle(path, response, fakeMp4Bytes(100 * MIB));
      }
      // Sends no length (chunked) and more than any cap.
      if (path === '/endless.mp4') {
        response.writeHead(200);
        return void this.trickle(path, response, fakeMp4Bytes(100 * MIB));
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Writes 256 KiB at a time, waiting for the client to read, so a client that stops reading stops it. */
  private async trickle(path: string, response: ServerResponse, bytes: Buffer): Promise<void> {
    const record = { bytes: 0, isClosedEarly: false };
    this.sent.set(path, record);
    response.on('close', () => (record.isClosedEarly = !response.writableFinished));
    for (let offset = 0; offset < bytes.length && !response.destroyed; offset += 256 * 1024) {
      const chunk = bytes.subarray(offset, offset + 256 * 1024);
      response.write(chunk);
      record.bytes += chunk.length;
      while (response.writableNeedDrain && !response.destroyed)
        await new Promise((resolve) => setTimeout(resolve, 2));
    }
    if (!response.destroyed) response.end();
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

let media: LyingMediaServer;
let root: string;

const download = { allowPrivate: true, maxBytes: 8 * MIB, timeoutMs: 10_000 };

const spooledFiles = () => spooledVideoFiles(root);

const failure = publishErrorOf;

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  media = new LyingMediaServer();
  await media.start();
});

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'video-spool-'));
  media.maxInFlight = 0;
});

afterAll(async () => {
  await media.stop();
});

describe('VideoSpool', () => {
  it('hands the upload the whole video in a file, and removes the file after it', async () => {
    const spool = new VideoSpool({ root, concurrency: 2 });
    const seen = await spool.withVideo(`${media.url}/video.mp4`, download, async (video) => ({
      video,
      bytes: await readFile(video.path),
      mode: (await stat(video.path)).mode & 0o777,
    }));
    expect(seen.video).toMatchObject({ size: VIDEO.length, mimeType: 'video/mp4' });
    expect(seen.video.path.startsWith(root)).toBe(true);
    expect(seen.bytes.equals(VIDEO)).toBe(true);
    expect(seen.mode).toBe(0o600);
    expect(await spooledFiles()).toEqual([]);
  });

  it('removes the file when the upload fails', async () => {
    const spool = new VideoSpool({ root, concurrency: 2 });
    let path = '';
    const error = await failure(
      spool.withVideo(`${media.url}/video.mp4`, download, async (video) => {
        path = video.path;
        throw new PublishError('retryable', 'the platform is down');
      }),
    );
    expect(error.message).toBe('the platform is down');
    expect(path).not.toBe('');
    expect(await spooledFiles()).toEqual([]);
  });

  it('refuses a declared length over the limit before reading the body', async () => {
    const spool = new VideoSpool({ root, concurrency: 2 });
    let isUploadCalled = false;
    const error = await failure(
      spool.withVideo(`${media.url}/declared-huge.mp4`, download, async () => {
        isUploadCalled = true;
      }),
    );
    expect(error).toMatchObject({
      errorClass: 'rejected_content',
      message: expect.stringMatching(/too large/),
    });
    await waitFor(() => media.sent.get('/declared-huge.mp4')?.isClosedEarly === true);
    // What was in flight when the headers were read, not the 100 MiB declared (nor the 8 MiB limit).
    expect(media.sent.get('/declared-huge.mp4')?.bytes).toBeLessThan(4 * MIB);
    expect(isUploadCalled).toBe(false);
    expect(await spooledFiles()).toEqual([]);
  });

  it('cuts off a server that sends more than the limit without declaring a length', async () => {
    const spool = new VideoSpool({ root, concurrency: 2 });
    const error = await failure(spool.withVideo(`${media.url}/endless.mp4`, download, async () => undefined));
    expect(error).toMatchObject({
      errorClass: 'rejected_content',
      message: expect.stringMatching(/too large/),
    });
    await waitFor(() => media.sent.get('/endless.mp4')?.isClosedEarly === true);
    expect(media.sent.get('/endless.mp4')?.bytes).toBeLessThan(16 * MIB);
    expect(await spooledFiles()).toEqual([]);
  });

  it('downloads and uploads at most `concurrency` videos at once', async () => {
    const spool = new VideoSpool({ root, concurrency: 2 });
    let uploading = 0;
    let maxUploading = 0;
    const upload = async (video: SpooledVideo) => {
      uploading += 1;
      maxUploading = Math.max(maxUploading, uploading);
      await new Promise((resolve) => setTimeout(resolve, 50));
      uploading -= 1;
      return video.size;
    };
    const calls = Array.from({ length: 6 }, () =>
      spool.withVideo(`${media.url}/video.mp4`, download, upload),
    );
    await waitFor(() => spool.load.waiting > 0);
    expect(spool.load).toEqual({ active: 2, waiting: 4 });
    expect(await Promise.all(calls)).toEqual(Array(6).fill(VIDEO.length));
    expect(maxUploading).toBe(2);
    expect(media.maxInFlight).toBe(2);
    expect(await spooledFiles()).toEqual([]);
  });

  it('removes at start the files of a process that died, and keeps a live one’s', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadDir = join(root, 'process-dead');
    const liveDir = join(root, 'process-live');
    for (const [dir, pid] of [
      [deadDir, dead.stdout.toString()],
      [liveDir, String(process.ppid)],
    ]) {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'owner.pid'), pid);
      await writeFile(join(dir, 'left.video'), 'half a video');
    }
    const spool = new VideoSpool({ root, concurrency: 2 });
    expect(await spool.prepare()).toEqual(['process-dead']);
    expect(await readdir(root)).toContain('process-live');
    expect(await readdir(root)).not.toContain('process-dead');
    await rm(liveDir, { recursive: true });
  });
});
