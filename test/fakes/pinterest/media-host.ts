import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The first bytes of each format, enough for byte sniffing (Shopcast's and the fake's). */
export const SAMPLE_MEDIA: Record<string, { type: string; bytes: Buffer }> = {
  '/a.png': {
    type: 'image/png',
    bytes: Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(64, 1),
    ]),
  },
  '/b.jpg': {
    type: 'image/jpeg',
    bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]),
  },
  '/c.png': {
    type: 'image/png',
    bytes: Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(64, 3),
    ]),
  },
  '/clip.mp4': {
    type: 'video/mp4',
    bytes: Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(256, 4)]),
  },
  '/notes.txt': { type: 'text/plain', bytes: Buffer.from('not an image') },
};

/** Serves SAMPLE_MEDIA over HTTP, as a shop's CDN would; counts requests per path. */
export class MediaHost {
  readonly hits = new Map<string, number>();
  private server?: Server;
  url = '';

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://host').pathname;
      this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
      const media = SAMPLE_MEDIA[path];
      if (!media) return void response.writeHead(404).end();
      response
        .writeHead(200, { 'content-type': media.type, 'content-length': media.bytes.length })
        .end(media.bytes);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
