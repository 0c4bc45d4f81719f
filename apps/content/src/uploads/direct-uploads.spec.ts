import { randomUUID } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { ContentSubjects, type DirectUploadView, MediaSubjects } from '@app/contracts';
import { JOBS, type PgBoss } from '@app/jobs';
import type { RpcClient } from '@app/messaging';
import { BLOB_STORE, type BlobStore, uploadKeyOf } from '@app/storage';
import { type S3Server, startS3Server } from '../../../../test/fakes/s3-server.js';
import { plainJpeg } from '../../../../test/fixtures/images.js';
import { domainErrorOf, statusOf } from '../../../../test/support/domain-errors.js';
import { pollUntil } from '../../../../test/support/polling.js';
import { callerIn as as, type ContentOnBus, startContentOnBus } from '../../test/content-harness.js';
import { STALE_UPLOADS_QUEUE } from './stale-uploads.worker.js';

// Direct uploads with STORAGE_DRIVER=s3 through the content subjects, as the gateway sends them.
const MAX_BYTES = 64 * 1024;
let s3: S3Server;
let content: ContentOnBus;
let rpc: RpcClient;
let blobs: BlobStore;

beforeAll(async () => {
  s3 = await startS3Server();
  content = await startContentOnBus('shopcast_direct_uploads', {
    STORAGE_DRIVER: 's3',
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY: s3.accessKey,
    S3_SECRET_KEY: s3.secretKey,
    S3_BUCKET: `uploads-${randomUUID().slice(0, 8)}`,
    MEDIA_MAX_IMAGE_BYTES: String(MAX_BYTES),
  });
  rpc = content.rpc;
  blobs = content.service.app.get<BlobStore>(BLOB_STORE);
}, 60_000);

afterAll(async () => {
  await content?.close();
  await s3?.close();
}, 60_000);

async function pendingUploads(workspaceId: string): Promise<string[]> {
  const rows: Array<{ id: string }> = await content.dataSource.query(
    'SELECT id FROM content.direct_uploads WHERE workspace_id = $1 ORDER BY created_at',
    [workspaceId],
  );
  return rows.map((row) => row.id);
}

async function put(upload: DirectUploadView, body: Buffer): Promise<void> {
  const response = await fetch(upload.uploadUrl, { method: 'PUT', body: new Uint8Array(body) });
  expect(response.status).toBe(200);
}

describe('direct uploads', () => {
  it('refuses viewers an upload URL and its completion', async () => {
    const workspaceId = randomUUID();
    const viewer = as(workspaceId, 'viewer');
    const refused = await domainErrorOf(rpc.send(MediaSubjects.createUpload, { bytes: 1000 }, viewer));
    expect(refused.status).toBe(403);
    const completion = { uploadId: randomUUID(), productId: randomUUID() };
    expect(await statusOf(rpc.send(MediaSubjects.completeUpload, completion, viewer))).toBe(403);
    expect(await pendingUploads(workspaceId)).toEqual([]);
  });

  it('refuses a declared size over the media limit, and a stored file larger than declared, leaving nothing', async () => {
    const workspaceId = randomUUID();
    const editor = as(workspaceId, 'editor');
    expect(await statusOf(rpc.send(MediaSubjects.createUpload, { bytes: MAX_BYTES + 1 }, editor))).toBe(413);
    expect(await pendingUploads(workspaceId)).toEqual([]);

    const product = await rpc.send(ContentSubjects.createProduct, { title: 'Bowl' }, editor);
    const photo = await plainJpeg(300, 200, 7);
    const upload = await rpc.send(MediaSubjects.createUpload, { bytes: photo.length }, editor);
    expect(upload).toMatchObject({ bytes: photo.length, maxBytes: MAX_BYTES });
    // The bucket takes any body at the URL; the completion checks what was stored.
    await put(upload, Buffer.concat([photo, Buffer.alloc(1024)]));
    const completion = { uploadId: upload.uploadId, productId: product.id };
    const refused = await domainErrorOf(rpc.send(MediaSubjects.completeUpload, completion, editor));
    expect(refused.status).toBe(413);
    expect(await blobs.stat(uploadKeyOf(workspaceId, upload.uploadId))).toBeNull();
    expect(await pendingUploads(workspaceId)).toEqual([]);
    expect(await rpc.send(MediaSubjects.listForProduct, { productId: product.id }, editor)).toEqual([]);
    expect(await statusOf(rpc.send(MediaSubjects.completeUpload, completion, editor))).toBe(404);
  }, 30_000);

  it('completes a file of the declared size into media', async () => {
    const workspaceId = randomUUID();
    const editor = as(workspaceId, 'editor');
    const product = await rpc.send(ContentSubjects.createProduct, { title: 'Jug' }, editor);
    const photo = await plainJpeg(300, 200, 8);
    const upload = await rpc.send(MediaSubjects.createUpload, { bytes: photo.length }, editor);
    const completion = { uploadId: upload.uploadId, productId: product.id };
    expect(await statusOf(rpc.send(MediaSubjects.completeUpload, completion, editor))).toBe(404);
    await put(upload, photo);
    const media = await rpc.send(MediaSubjects.completeUpload, completion, editor);
    expect(media).toMatchObject({ kind: 'image', bytes: photo.length });
    expect(await pendingUploads(workspaceId)).toEqual([]);
    expect(await blobs.stat(uploadKeyOf(workspaceId, upload.uploadId))).toBeNull();
  }, 30_000);

  it('removes uploads not completed within a day, file and all, through the periodic job', async () => {
    const workspaceId = randomUUID();
    const editor = as(workspaceId, 'editor');
    const photo = await plainJpeg(300, 200, 9);
    const stale = await rpc.send(MediaSubjects.createUpload, { bytes: photo.length }, editor);
    const fresh = await rpc.send(MediaSubjects.createUpload, { bytes: photo.length }, editor);
    await put(stale, photo);
    await put(fresh, photo);
    await content.dataSource.query(
      `UPDATE content.direct_uploads SET created_at = now() - interval '25 hours' WHERE id = $1`,
      [stale.uploadId],
    );

    await content.service.app.get<PgBoss>(JOBS).send(STALE_UPLOADS_QUEUE, {});
    await pollUntil(
      () => pendingUploads(workspaceId),
      (ids) => !ids.includes(stale.uploadId),
      'stale upload removed',
    );
    expect(await blobs.stat(uploadKeyOf(workspaceId, stale.uploadId))).toBeNull();
    expect(await pendingUploads(workspaceId)).toEqual([fresh.uploadId]);
    expect(await blobs.stat(uploadKeyOf(workspaceId, fresh.uploadId))).toEqual({ bytes: photo.length });
  }, 60_000);
});
