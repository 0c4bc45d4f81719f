import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

/** An ISO-BMFF header (`ftyp` box, brand mp42) followed by filler: what a crawler sniffs as MP4. */
const MP4 = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypmp42', 'latin1'),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from('mp42isom', 'latin1'),
  Buffer.alloc(1024),
]);

/**
 * Public-media stand-in that both Shopcast and the fake Graph API fetch from: `/photo.jpg`, `/photo.png`,
 * `/clip.mp4` and `/broken.mp4` (text, not a video).
 */
export class MediaServer {
  private server?: Server;
  url = '';

  async start(): Promise<string> {
    const image = sharp({
      create: { width: 64, height: 48, channels: 3, background: { r: 20, g: 90, b: 200 } },
    });
    const files: Record<string, { type: string; body: Buffer }> = {
      '/photo.jpg': { type: 'image/jpeg', body: await image.clone().jpeg().toBuffer() },
      '/photo.png': { type: 'image/png', body: await image.clone().png().toBuffer() },
      '/clip.mp4': { type: 'video/mp4', body: MP4 },
      '/broken.mp4': {
        type: 'video/mp4',
        body: Buffer.from('this is not a video at all, just text', 'utf8'),
      },
    };
    this.server = createServer((request, response) => {
      const file = files[new URL(request.url ?? '/', 'http://media').pathname];
      if (!file) return void response.writeHead(404).end();
      response
        .writeHead(200, { 'content-type': file.type, 'content-length': file.body.length })
        .end(file.body);
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
