import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, NotFoundError } from '@app/contracts';
import { BLOB_STORE, type BlobStore, isBlobKey, MediaUrlSigner } from '@app/storage';

const SERVED_PREFIX = 'media/';

/** Checks a signed media URL and streams the file; only derived files and originals under `media/` are served. */
@Injectable()
export class MediaFiles {
  constructor(
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    private readonly signer: MediaUrlSigner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(
    key: string,
    expires: string | undefined,
    signature: string | undefined,
    reply: FastifyReply,
  ): Promise<void> {
    // With S3 the URLs are the bucket's own presigned ones; nothing is served here.
    if (this.config.storage.driver !== 'fs' || !key.startsWith(SERVED_PREFIX) || !isBlobKey(key)) {
      throw new NotFoundError('File');
    }
    const check = this.signer.check(key, expires, signature, Math.floor(Date.now() / 1000));
    if (check === 'expired')
      throw new DomainError('gone', 410, 'This media link has expired; ask the API for a fresh one');
    if (check !== 'valid') throw new DomainError('forbidden', 403, 'This media link is not valid');
    const size = await this.blobs.stat(key);
    if (!size) throw new NotFoundError('File');
    const { type, body } = await sniffed(await this.blobs.get(key));
    const maxAge = Math.max(0, Number(expires) - Math.floor(Date.now() / 1000));
    await reply
      .header('content-type', type)
      .header('content-length', String(size.bytes))
      .header('cache-control', `private, max-age=${maxAge}`)
      .header('content-disposition', 'inline')
      // A signed URL is a capability meant to be embedded (the web app, previews, platforms); the default
      // same-origin policy would hide photos from a page opened at another address of this server.
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(body);
  }
}

/** The content type from the first bytes (never from the name), with the stream given back whole. */
async function sniffed(stream: Readable): Promise<{ type: string; body: Readable }> {
  const iterator = stream[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head: Buffer = first.done ? Buffer.alloc(0) : (first.value as Buffer);
  const type = (await fileTypeFromBuffer(head))?.mime ?? 'application/octet-stream';
  async function* whole() {
    if (head.length > 0) yield head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value as Buffer;
    }
  }
  return { type, body: Readable.from(whole()) };
}
