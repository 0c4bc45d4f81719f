// The remote side of bench/video-upload.ts, in a process of its own so its memory is not counted: the fake
// TikTok (which keeps what it receives) and a media host streaming one file from disk. Prints its URLs as a
// JSON line; answers a line "report" on stdin with what TikTok received.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { FakeTikTokServer } from '../test/fakes/tiktok/fake-tiktok-server.js';

const [videoPath, clientKey, clientSecret] = process.argv.slice(2);
const tiktok = new FakeTikTokServer({ clientKey, clientSecret, processingSteps: 0 });
await tiktok.start();
const size = (await stat(videoPath)).size;
const host = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': size });
  createReadStream(videoPath).pipe(response);
});
await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
const videoUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/video.mp4`;
process.stdout.write(`${JSON.stringify({ tiktokUrl: tiktok.url, videoUrl })}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  if (line !== 'report') continue;
  const post = tiktok.posts.at(-1);
  process.stdout.write(
    `${JSON.stringify({ chunks: post?.chunkRanges.length ?? 0, bytes: post?.bytes.length ?? 0 })}\n`,
  );
}
await tiktok.stop();
host.close();
