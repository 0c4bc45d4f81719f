import { NotFoundError } from '@app/contracts';
import type { BlobStore } from './blob-store.js';
import { BlobTooLargeError } from './blob-too-large.error.js';
import { isWorkspaceKey } from './storage-keys.js';

/**
 * Takes over an import file the gateway stored: it must be one of the workspace's import keys and exist (404
 * otherwise, whoever's it is), and be at most `maxBytes` (413, and the file is removed). Answers its size.
 */
export async function claimImportFile(
  blobs: BlobStore,
  key: string,
  workspaceId: string,
  maxBytes: number,
): Promise<number> {
  if (!isWorkspaceKey(key, 'imports', workspaceId)) throw new NotFoundError('Import file');
  const size = await blobs.stat(key);
  if (!size) throw new NotFoundError('Import file');
  if (size.bytes > maxBytes) {
    await blobs.delete(key);
    throw new BlobTooLargeError(maxBytes);
  }
  return size.bytes;
}
