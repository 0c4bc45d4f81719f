import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { loadConfig } from '@app/config';
import { type S3Server, startS3Server } from '../../../test/fakes/s3-server.js';
import { S3BlobStore } from './s3-blob-store.js';

// The service reaches the bucket on an internal address; presigned URLs must name (and be signed for) the
// public one. Here the internal address is 127.0.0.1 and the public one "localhost" on the same port.
let server: S3Server;
let publicEndpoint: string;

beforeAll(async () => {
  server = await startS3Server();
  publicEndpoint = server.endpoint.replace('127.0.0.1', 'localhost');
});

afterAll(async () => {
  await server?.close();
});

function store(options: { publicEndpoint?: string } = {}): S3BlobStore {
  const { endpoint, accessKey, secretKey } = server;
  return new S3BlobStore({
    endpoint,
    accessKey,
    secretKey,
    bucket: 'public-endpoint',
    region: 'us-east-1',
    ...options,
  });
}

describe('S3 public endpoint', () => {
  it('signs GET and PUT URLs for the public host, which the bucket accepts', async () => {
    const blobs = store({ publicEndpoint });
    await blobs.put('p/photo.jpg', Buffer.from('jpeg bytes'));

    const readUrl = await blobs.readUrl('p/photo.jpg', 60);
    expect(new URL(readUrl).origin).toBe(publicEndpoint);
    // The signature covers the Host header, i.e. the public host the URL names.
    expect(new URL(readUrl).searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    const read = await fetch(readUrl);
    expect(read.status).toBe(200);
    expect(await read.text()).toBe('jpeg bytes');

    const uploadUrl = (await blobs.uploadUrl('p/upload.jpg', 60))!;
    expect(new URL(uploadUrl).origin).toBe(publicEndpoint);
    expect((await fetch(uploadUrl, { method: 'PUT', body: 'uploaded' })).status).toBe(200);
    expect(await blobs.stat('p/upload.jpg')).toEqual({ bytes: 8 });
  });

  it('uses the service endpoint when no public one is set', async () => {
    const readUrl = await store().readUrl('p/photo.jpg', 60);
    expect(new URL(readUrl).origin).toBe(server.endpoint);
    expect((await fetch(readUrl)).status).toBe(200);
  });

  it('reads S3_PUBLIC_ENDPOINT from the environment, without a trailing slash', () => {
    const config = loadConfig({ S3_PUBLIC_ENDPOINT: 'https://media.example.com/' } as NodeJS.ProcessEnv);
    expect(config.storage.s3.publicEndpoint).toBe('https://media.example.com');
    expect(loadConfig({} as NodeJS.ProcessEnv).storage.s3.publicEndpoint).toBeUndefined();
  });
});
