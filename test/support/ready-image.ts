import { randomUUID } from 'node:crypto';
import { MediaSubjects } from '@app/contracts';
import type { CallContext, RpcClient, RunningService } from '@app/messaging';
import { BLOB_STORE, type BlobStore, uploadKeyOf } from '@app/storage';
import { plainJpeg } from '../fixtures/images.js';
import { pollUntil } from './polling.js';

/**
 * Gives the product one processed image, uploaded the way the gateway stores uploads; answers its media id.
 * Image processing is slow on a loaded machine, so the wait is 90 s.
 */
export async function readyImage(
  rpc: RpcClient,
  content: RunningService,
  context: CallContext,
  productId: string,
): Promise<string> {
  const blobs = content.app.get<BlobStore>(BLOB_STORE);
  if (!context.principal) throw new Error('An image is uploaded by a member of a workspace');
  const uploadKey = uploadKeyOf(context.principal.workspaceId, randomUUID());
  await blobs.put(uploadKey, await plainJpeg(900, 700, 7));
  const created = await rpc.send(MediaSubjects.createFromUpload, { productId, uploadKey }, context);
  await pollUntil(
    () => rpc.send(MediaSubjects.get, { id: created.id }, context),
    (asset) => asset.status !== 'processing',
    'image processing',
    90_000,
  );
  return created.id;
}
