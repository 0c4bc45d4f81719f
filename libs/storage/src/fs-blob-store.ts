import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NotFoundError } from '@app/contracts';
import { assertBlobKey, type BlobInfo, type BlobStore, type PutOptions } from './blob-store.js';
import { ByteLimit } from './byte-limit.js';
import type { MediaUrlSigner } from './media-url-signer.js';

/** The gateway route that serves this store's files through signed URLs. */
export const MEDIA_ROUTE_PREFIX = '/media/';

/** Blobs as files under a root directory; read URLs point at the gateway's signed `/media/...` route. */
export class FsBlobStore implements BlobStore {
  constructor(
    private readonly root: string,
    private readonly signer: MediaUrlSigner,
    private readonly publicBaseUrl: string,
    private readonly now: () => number = Date.now,
  ) {}

  async put(key: string, body: Buffer | Readable, options: PutOptions = {}): Promise<BlobInfo> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // Written beside the target and renamed into place, so a reader never sees half a file.
    const draft = `${path}.${randomBytes(6).toString('hex')}.part`;
    const limit = new ByteLimit(options.maxBytes);
    try {
      const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
      await pipeline(source, limit, createWriteStream(draft, { mode: 0o600 }));
      await rename(draft, path);
    } catch (error) {
      await rm(draft, { force: true });
      throw error;
    }
    return { bytes: limit.bytes };
  }

  async get(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    if ((await this.stat(key)) === null) throw new NotFoundError('File');
    return createReadStream(path);
  }

  async stat(key: string): Promise<BlobInfo | null> {
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? { bytes: info.size } : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async readUrl(key: string, ttlSec: number): Promise<string> {
    assertBlobKey(key);
    const expiresAtSec = Math.floor(this.now() / 1000) + ttlSec;
    return `${this.publicBaseUrl}${MEDIA_ROUTE_PREFIX}${key}?${this.signer.sign(key, expiresAtSec)}`;
  }

  async uploadUrl(): Promise<string | null> {
    return null;
  }

  private pathOf(key: string): string {
    assertBlobKey(key);
    return join(this.root, key);
  }
}
