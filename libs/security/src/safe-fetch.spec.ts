import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isPublicAddress } from './address-policy.js';
import { BlockedAddressError, safeFetch } from './safe-fetch.js';

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fc00::1',
    '::ffff:127.0.0.1',
    '224.0.0.1',
  ])('refuses %s', (address) => expect(isPublicAddress(address)).toBe(false));
  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111'])('accepts %s', (address) =>
    expect(isPublicAddress(address)).toBe(true),
  );
});

describe('safeFetch', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/hello') return res.end('hello');
      if (req.url === '/big') return res.end(Buffer.alloc(2048));
      if (req.url === '/slow') return setTimeout(() => res.end('late'), 2000);
      if (req.url === '/loop') return res.writeHead(302, { location: '/loop' }).end();
      if (req.url === '/to-hello') return res.writeHead(301, { location: '/hello' }).end();
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    'http://127.0.0.1/x',
    'http://10.0.0.7/x',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/x',
    'http://[::ffff:7f00:1]/x',
  ])('refuses %s before connecting', async (url) => {
    await expect(safeFetch(url, { allowPrivate: false })).rejects.toBeInstanceOf(BlockedAddressError);
  });

  it('refuses a host name that resolves to a private address', async () => {
    const port = (server.address() as AddressInfo).port;
    await expect(safeFetch(`http://localhost:${port}/hello`, { allowPrivate: false })).rejects.toBeInstanceOf(
      BlockedAddressError,
    );
  });

  it('refuses other schemes and credentials', async () => {
    await expect(safeFetch('file:///etc/passwd', { allowPrivate: true })).rejects.toMatchObject({
      status: 400,
    });
    await expect(safeFetch('http://user:pw@example.com/', { allowPrivate: true })).rejects.toMatchObject({
      status: 400,
    });
  });

  it('fetches and follows redirects when private addresses are allowed', async () => {
    const response = await safeFetch(`${base}/to-hello`, { allowPrivate: true });
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('hello');
    expect(response.url).toBe(`${base}/hello`);
  });

  it('bounds redirects, size and time', async () => {
    await expect(safeFetch(`${base}/loop`, { allowPrivate: true, maxRedirects: 3 })).rejects.toMatchObject({
      status: 502,
    });
    await expect(safeFetch(`${base}/big`, { allowPrivate: true, maxBytes: 1024 })).rejects.toMatchObject({
      status: 413,
    });
    await expect(safeFetch(`${base}/slow`, { allowPrivate: true, timeoutMs: 200 })).rejects.toMatchObject({
      status: 502,
    });
  });
});
