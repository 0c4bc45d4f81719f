import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { NotFoundError } from '@app/contracts';
import { type S3Server, startS3Server } from '../../../test/fakes/s3-server.js';
import { BlobTooLargeError } from './blob-too-large.error.js';
import { S3BlobStore } from './s3-blob-store.js';

// A real S3-protocol server on loopback; the adapter talks to it exactly as it would to MinIO or AWS.
let server: S3Server;

beforeAll(async () => {
  server = await startS3Server();
});

afterAll(async () => {
  await server?.close();
});

function store(bucket: string): S3BlobStore {
  const { endpoint, accessKey, secretKey } = server;
  return new S3BlobStore({ endpoint, accessKey, secretKey, bucket, region: 'us-east-1' });
}

describe('S3BlobStore against an S3-protocol server', () => {
  it('creates a missing bucket, then puts, stats, reads and deletes buffers and streams', async () => {
    const blobs = store('shopcast-test-a');
    expect(await blobs.put('a/one.txt', Buffer.from('hello'), { contentType: 'text/plain' })).toEqual({
      bytes: 5,
    });
    expect(await blobs.stat('a/one.txt')).toEqual({ bytes: 5 });
    expect(await text(await blobs.get('a/one.txt'))).toBe('hello');

    const streamed = await blobs.put('a/two.txt', Readable.from(['str', 'eamed']));
    expect(streamed).toEqual({ bytes: 8 });
    expect(await text(await blobs.get('a/two.txt'))).toBe('streamed');

    await blobs.delete('a/one.txt');
    expect(await blobs.stat('a/one.txt')).toBeNull();
    await expect(blobs.get('a/one.txt')).rejects.toBeInstanceOf(NotFoundError);
    await blobs.delete('a/one.txt');
  });

  it('refuses a stream over the size limit and leaves nothing behind', async () => {
    const blobs = store('shopcast-test-b');
    const body = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
    await expect(blobs.put('big.bin', body, { maxBytes: 1000 })).rejects.toBeInstanceOf(BlobTooLargeError);
    await expect(blobs.put('big.bin', Buffer.alloc(1001), { maxBytes: 1000 })).rejects.toBeInstanceOf(
      BlobTooLargeError,
    );
    expect(await blobs.stat('big.bin')).toBeNull();
  });

  it('issues presigned URLs that GET and PUT without credentials', async () => {
    const blobs = store('shopcast-test-c');
    const putUrl = await blobs.uploadUrl('direct/upload.txt', 60);
    expect(putUrl).toMatch(/X-Amz-Signature=/);
    const put = await fetch(putUrl!, { method: 'PUT', body: 'uploaded directly' });
    expect(put.status).toBe(200);
    expect(await blobs.stat('direct/upload.txt')).toEqual({ bytes: 17 });

    const getUrl = await blobs.readUrl('direct/upload.txt', 60);
    const got = await fetch(getUrl);
    expect(await got.text()).toBe('uploaded directly');
  });
});
