import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { canWrite, ForbiddenError, InvalidError, UnauthorizedError } from '@app/contracts';
import type { CallContext } from '@app/messaging';
import { BLOB_STORE, type BlobStore, importSourceKeyOf, uploadKeyOf } from '@app/storage';

export interface StoredUpload {
  key: string;
  file: MultipartFile;
}

/**
 * Streams the one file of a multipart request straight into blob storage (never buffered whole), under a
 * key of the caller's workspace that the content service then takes over. Only a caller who may write
 * (editor and up, as the services then check again) gets a byte stored: a viewer is refused before the body
 * is read.
 */
@Injectable()
export class UploadStore {
  constructor(@Inject(BLOB_STORE) private readonly blobs: BlobStore) {}

  /** A media upload: `uploads/<workspaceId>/<id>`. */
  storeMedia(request: FastifyRequest, call: CallContext, maxBytes: number): Promise<StoredUpload> {
    return this.store(request, (id) => uploadKeyOf(writerWorkspaceOf(call), id), maxBytes);
  }

  /** An import file: `imports/<workspaceId>/<id>`. */
  storeImport(request: FastifyRequest, call: CallContext, maxBytes: number): Promise<StoredUpload> {
    return this.store(request, (id) => importSourceKeyOf(writerWorkspaceOf(call), id), maxBytes);
  }

  /** Stores a body the gateway already holds (a JSON import sent as the request body). */
  async storeImportBody(call: CallContext, body: Buffer): Promise<string> {
    const key = importSourceKeyOf(writerWorkspaceOf(call), randomUUID());
    await this.blobs.put(key, body);
    return key;
  }

  /** Removes a stored upload the request could not go on with. */
  discard(key: string): Promise<void> {
    return this.blobs.delete(key);
  }

  private async store(
    request: FastifyRequest,
    keyOf: (id: string) => string,
    maxBytes: number,
  ): Promise<StoredUpload> {
    // Made first, with the caller's write access checked: a viewer is refused before a byte is read.
    const key = keyOf(randomUUID());
    if (!request.isMultipart())
      throw new InvalidError('Send the file as multipart/form-data in a field named "file"');
    // One byte over the limit reaches the store, whose own limit then answers 413 instead of a silent cut.
    const file = await request.file({
      limits: { fileSize: maxBytes + 1, files: 1, fields: 10, fieldSize: 64 * 1024 },
    });
    if (!file) throw new InvalidError('The request has no file; send it in a field named "file"');
    await this.blobs.put(key, file.file, { maxBytes });
    return { key, file };
  }
}

/** The caller's workspace, if the caller may write to it (the services' own `write` access, checked first). */
function writerWorkspaceOf(call: CallContext): string {
  if (!call.principal) throw new UnauthorizedError();
  if (!canWrite(call.principal.role))
    throw new ForbiddenError("Viewers can see this workspace's data but not change it");
  return call.principal.workspaceId;
}
