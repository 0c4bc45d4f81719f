import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sendFileRange } from './file-range-upload.js';

const FILE = randomBytes(3 * 1024 * 1024 + 17);
let dir: string;
let path: string;
let server: Server;
let url: string;
const received: Array<{ headers: IncomingHttpHeaders; body: Buffer }> = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'file-range-'));
  path = join(dir, 'video.bin');
  await writeFile(path, FILE);
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(206).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

describe('sendFileRange', () => {
  it('sends exactly the bytes of the range, read across several buffer fills, with their length', async () => {
    const start = 1024 * 1024 - 5;
    const end = 3 * 1024 * 1024 + 9;
    const answer = await sendFileRange(
      url,
      { path, start, end },
      { method: 'PUT', headers: {}, timeoutMs: 5000 },
    );
    expect(answer).toEqual({ status: 206, body: '{"ok":true}' });
    const last = received.at(-1);
    expect(last?.headers['content-length']).toBe(String(end - start + 1));
    expect(last?.body.equals(FILE.subarray(start, end + 1))).toBe(true);
  });

  it('wraps the file between the bytes before and after it (a multipart form)', async () => {
    const before = Buffer.from('--b\r\nContent-Disposition: form-data; name="file"\r\n\r\n');
    const after = Buffer.from('\r\n--b--\r\n');
    await sendFileRange(
      url,
      { path, start: 0, end: FILE.length - 1 },
      {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
        timeoutMs: 5000,
        before,
        after,
      },
    );
    const last = received.at(-1);
    expect(last?.headers['content-length']).toBe(String(before.length + FILE.length + after.length));
    expect(last?.body.equals(Buffer.concat([before, FILE, after]))).toBe(true);
  });

  it('fails when the file is shorter than the range', async () => {
    await expect(
      sendFileRange(
        url,
        { path, start: 0, end: FILE.length + 10 },
        { method: 'PUT', headers: {}, timeoutMs: 5000 },
      ),
    ).rejects.toThrow(/shorter/);
  });
});
