import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'minio';
import { NotFoundError } from '@app/contracts';
import { assertBlobKey, type BlobInfo, type BlobStore, type PutOptions } from './blob-store.js';
import { BlobTooLargeError } from './blob-too-large.error.js';
import { ByteLimit } from './byte-limit.js';

export interface S3Options {
  /** e.g. http://127.0.0.1:9000 or https://s3.eu-west-1.amazonaws.com */
  endpoint: string;
  accessKey?: string;
  secretKey?: string;
  bucket: string;
  region: string;
  /**
   * Where clients and platforms reach the bucket (e.g. https://media.example.com) when the service itself uses
   * an internal endpoint: presigned URLs are signed for this host. Defaults to `endpoint`.
   */
  publicEndpoint?: string;
}

/** Blobs in an S3-compatible bucket (MinIO, AWS, R2...) through the `minio` client; the bucket is created if missing. */
export class S3BlobStore implements BlobStore {
  private readonly client: Client;
  /** Signs presigned URLs; a client of the public endpoint when one is set (signing makes no request). */
  private readonly signingClient: Client;
  private bucketReady: Promise<void> | undefined;

  constructor(private readonly options: S3Options) {
    this.client = clientFor(options.endpoint, options);
    this.signingClient = options.publicEndpoint ? clientFor(options.publicEndpoint, options) : this.client;
  }

  async put(key: string, body: Buffer | Readable, options: PutOptions = {}): Promise<BlobInfo> {
    assertBlobKey(key);
    await this.ensureBucket();
    const meta = options.contentType ? { 'Content-Type': options.contentType } : {};
    if (Buffer.isBuffer(body)) {
      if (options.maxBytes !== undefined && body.length > options.maxBytes) {
        throw new BlobTooLargeError(options.maxBytes);
      }
      await this.client.putObject(this.options.bucket, key, body, body.length, meta);
      return { bytes: body.length };
    }
    // Spooled to a temporary file first: the limit is enforced before anything reaches the bucket, and a
    // known size lets the client send one PUT (or sized parts) instead of guessing.
    const spool = await mkdtemp(join(tmpdir(), 'shopcast-s3-'));
    try {
      const file = join(spool, 'body');
      const limit = new ByteLimit(options.maxBytes);
      await pipeline(body, limit, createWriteStream(file));
      await this.client.putObject(this.options.bucket, key, createReadStream(file), limit.bytes, meta);
      return { bytes: limit.bytes };
    } finally {
      await rm(spool, { recursive: true, force: true });
    }
  }

  async get(key: string): Promise<Readable> {
    assertBlobKey(key);
    try {
      return await this.client.getObject(this.options.bucket, key);
    } catch (error) {
      if (isMissing(error)) throw new NotFoundError('File');
      throw error;
    }
  }

  async stat(key: string): Promise<BlobInfo | null> {
    assertBlobKey(key);
    try {
      const info = await this.client.statObject(this.options.bucket, key);
      return { bytes: info.size };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    await this.client.removeObject(this.options.bucket, key);
  }

  readUrl(key: string, ttlSec: number): Promise<string> {
    assertBlobKey(key);
    return this.signingClient.presignedGetObject(this.options.bucket, key, ttlSec);
  }

  async uploadUrl(key: string, ttlSec: number): Promise<string | null> {
    assertBlobKey(key);
    await this.ensureBucket();
    return this.signingClient.presignedPutObject(this.options.bucket, key, ttlSec);
  }

  /** Creates the bucket once per process when it does not exist yet. */
  ensureBucket(): Promise<void> {
    this.bucketReady ??= this.createBucketIfMissing().catch((error: unknown) => {
      this.bucketReady = undefined;
      throw error;
    });
    return this.bucketReady;
  }

  private async createBucketIfMissing(): Promise<void> {
    if (await this.client.bucketExists(this.options.bucket)) return;
    try {
      await this.client.makeBucket(this.options.bucket, this.options.region);
    } catch (error) {
      // Another process created it in between.
      const code = (error as { code?: string }).code;
      if (code !== 'BucketAlreadyOwnedByYou' && code !== 'BucketAlreadyExists') throw error;
    }
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'NoSuchKey' || code === 'NotFound' || code === 'NoSuchBucket';
}

function clientFor(endpoint: string, options: S3Options): Client {
  const url = new URL(endpoint);
  const useSSL = url.protocol === 'https:';
  return new Client({
    endPoint: url.hostname,
    port: url.port ? Number(url.port) : useSSL ? 443 : 80,
    useSSL,
    accessKey: options.accessKey ?? '',
    secretKey: options.secretKey ?? '',
    // Known region: presigning is computed locally, never a request (the public host may be unreachable from here).
    region: options.region,
    pathStyle: true,
  });
}
