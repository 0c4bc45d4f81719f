import type { Readable } from 'node:stream';

export interface BlobInfo {
  bytes: number;
}

export interface PutOptions {
  contentType?: string;
  /** Refuse (and remove) a body larger than this many bytes. */
  maxBytes?: number;
}

/** Where media originals, variants and import files live: the local disk or an S3-compatible bucket. */
export interface BlobStore {
  /** Stores a body under `key` (replacing it); streams are written without holding them in memory. */
  put(key: string, body: Buffer | Readable, options?: PutOptions): Promise<BlobInfo>;
  /** Streams a stored body; NotFoundError when there is none. */
  get(key: string): Promise<Readable>;
  /** Size of a stored body, or null when there is none. */
  stat(key: string): Promise<BlobInfo | null>;
  /** Removes a body; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** A URL anyone holding it can GET the body with until it expires. */
  readUrl(key: string, ttlSec: number): Promise<string>;
  /** A presigned URL a client can PUT a body to directly, or null when the store cannot offer one. */
  uploadUrl(key: string, ttlSec: number): Promise<string | null>;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Keys are relative paths of safe segments (no `..`, no leading slash), the same for every adapter. */
export function assertBlobKey(key: string): void {
  if (key.length > 512 || !KEY.test(key) || key.split('/').some((segment) => segment === '..')) {
    throw new Error(`Invalid blob key "${key}"`);
  }
}

export function isBlobKey(key: string): boolean {
  return key.length <= 512 && KEY.test(key) && !key.split('/').some((segment) => segment === '..');
}
