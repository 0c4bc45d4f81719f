import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BlockedAddressError, safeFetchStream } from './safe-fetch.js';

const KIB = 1024;
const CHUNK = Buffer.alloc(64 * KIB, 7);

/** What the server managed to send before the client hung up. */
interface Sent {
  bytes: number;
  closedEarly: boolean;
}

/** Writes 64 KiB chunks until `total` bytes went out or the client went away. */
async function sendChunks(response: ServerResponse, total: number, sent: Sent): Promise<void> {
  response.on('close', () => (sent.closedEarly = !response.writableFinished));
  while (sent.bytes < total && !response.destroyed) {
    response.write(CHUNK);
    sent.bytes += CHUNK.length;
    while (response.writableNeedDrain && !response.destroyed)
      await new Promise((resolve) => setTimeout(resolve, 2));
  }
  if (!response.destroyed) response.end();
}

describe('safeFetchStream', () => {
  let server: Server;
  let base: string;
  const sent = new Map<string, Sent>();
  let releaseHeld: () => void = () => undefined;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = request.url ?? '/';
      const record: Sent = { bytes: 0, closedEarly: false };
      sent.set(path, record);
      // Declares 100 MiB and sends it slowly: a client that trusts the length would read on.
      if (path === '/declared-huge') {
        response.writeHead(200, { 'content-length': 100 * 1024 * KIB });
        return void sendChunks(response, 100 * 1024 * KIB, record);
      }
      // No Content-Length at all (chunked), and it never stops by itself.
      if (path === '/endless') {
        response.writeHead(200);
        return void sendChunks(response, 100 * 1024 * KIB, record);
      }
      // Sends its first bytes, then waits for the test to let it finish.
      if (path === '/held') {
        response.writeHead(200, { 'content-length': 8 });
        response.write('first');
        releaseHeld = () => response.end('end');
        return;
      }
      if (path === '/to-held') return void response.writeHead(302, { location: '/held' }).end();
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('refuses a declared Content-Length above the cap before reading the body', async () => {
    await expect(
      safeFetchStream(`${base}/declared-huge`, { allowPrivate: true, maxBytes: 1024 * KIB }),
    ).rejects.toMatchObject({ status: 413 });
    await waitFor(() => sent.get('/declared-huge')?.closedEarly === true);
    // Only what was in flight before the headers were read: far below the 100 MiB declared.
    expect(sent.get('/declared-huge')?.bytes).toBeLessThan(8 * 1024 * KIB);
  });

  it('cuts off a server that streams past the cap without declaring a length', async () => {
    const response = await safeFetchStream(`${base}/endless`, { allowPrivate: true, maxBytes: 1024 * KIB });
    let received = 0;
    const reading = (async () => {
      for await (const chunk of response.body) received += (chunk as Buffer).length;
    })();
    await expect(reading).rejects.toMatchObject({ status: 413 });
    expect(received).toBeLessThanOrEqual(1024 * KIB);
    await waitFor(() => sent.get('/endless')?.closedEarly === true);
    expect(sent.get('/endless')?.bytes).toBeLessThan(8 * 1024 * KIB);
  });

  it('hands over the first bytes before the server has sent the rest, after redirects', async () => {
    const response = await safeFetchStream(`${base}/to-held`, { allowPrivate: true });
    expect(response.url).toBe(`${base}/held`);
    const iterator = response.body[Symbol.asyncIterator]();
    expect(((await iterator.next()).value as Buffer).toString()).toBe('first');
    releaseHeld();
    expect(((await iterator.next()).value as Buffer).toString()).toBe('end');
    expect((await iterator.next()).done).toBe(true);
  });

  it('ends a body that outlives the deadline', async () => {
    const response = await safeFetchStream(`${base}/held`, { allowPrivate: true, timeoutMs: 300 });
    const reading = (async () => {
      for await (const chunk of response.body) void chunk;
    })();
    await expect(reading).rejects.toMatchObject({ status: 502 });
  });

  it('keeps the address checks of safeFetch', async () => {
    await expect(
      safeFetchStream('http://169.254.169.254/latest/', { allowPrivate: false }),
    ).rejects.toBeInstanceOf(BlockedAddressError);
    const port = (server.address() as AddressInfo).port;
    await expect(
      safeFetchStream(`http://localhost:${port}/held`, { allowPrivate: false }),
    ).rejects.toBeInstanceOf(BlockedAddressError);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
