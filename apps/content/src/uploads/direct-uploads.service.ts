import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  type CompleteUploadRequest,
  type CreateDirectUploadDto,
  type DirectUploadView,
  InvalidError,
  type MediaAssetView,
  NotFoundError,
} from '@app/contracts';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { RequestContext } from '@app/messaging';
import { BLOB_STORE, BlobTooLargeError, type BlobStore, uploadKeyOf } from '@app/storage';
import { MediaService } from '../media/media.service.js';
import { DirectUploadsRepository, type PendingUpload } from './direct-uploads.repository.js';

const UPLOAD_URL_TTL_SEC = 15 * 60;

/**
 * Direct uploads (S3 storage): a writer declares the file's size and gets a presigned URL to PUT it to; on
 * completion the stored file must have exactly that size, or it is removed and refused. Uploads never completed
 * are removed by StaleUploadsWorker.
 */
@Injectable()
export class DirectUploadsService {
  constructor(
    private readonly repository: DirectUploadsRepository,
    private readonly media: MediaService,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(context: RequestContext, request: CreateDirectUploadDto): Promise<DirectUploadView> {
    const { workspaceId, userId } = context.principal;
    const maxBytes = this.config.media.maxImageBytes;
    if (request.bytes > maxBytes) throw new BlobTooLargeError(maxBytes);
    const id = randomUUID();
    const uploadUrl = await this.blobs.uploadUrl(uploadKeyOf(workspaceId, id), UPLOAD_URL_TTL_SEC);
    if (uploadUrl === null) {
      throw new InvalidError(
        'Direct uploads need STORAGE_DRIVER=s3; upload the file to POST /api/v1/products/:id/media instead',
      );
    }
    await this.repository.insert({ id, workspaceId, declaredBytes: request.bytes }, userId);
    return {
      uploadId: id,
      uploadUrl,
      expiresAt: new Date(Date.now() + UPLOAD_URL_TTL_SEC * 1000).toISOString(),
      bytes: request.bytes,
      maxBytes,
    };
  }

  /** 404 until the file is PUT; a file of another size than declared is removed with the upload (413 or 400). */
  async complete(context: RequestContext, request: CompleteUploadRequest): Promise<MediaAssetView> {
    const { workspaceId } = context.principal;
    const upload = await this.repository.find(workspaceId, request.uploadId);
    if (!upload) throw new NotFoundError('Upload');
    const uploadKey = uploadKeyOf(workspaceId, upload.id);
    const stored = await this.blobs.stat(uploadKey);
    if (!stored) throw new NotFoundError('Uploaded file (PUT it to the upload URL first)');
    if (stored.bytes !== upload.declaredBytes) {
      await this.remove(upload);
      throw sizeMismatch(stored.bytes, upload.declaredBytes);
    }
    // Claimed before it is taken, so two completions of one upload cannot both add it.
    if (!(await this.repository.delete(workspaceId, upload.id))) throw new NotFoundError('Upload');
    return this.media.createFromUpload(context, { productId: request.productId, uploadKey });
  }

  /** Removes the upload's file, then its row (so a failure leaves the row for the next cleanup). */
  async remove(upload: PendingUpload): Promise<void> {
    await this.blobs.delete(uploadKeyOf(upload.workspaceId, upload.id));
    await this.repository.delete(upload.workspaceId, upload.id);
  }
}

function sizeMismatch(storedBytes: number, declaredBytes: number): Error {
  if (storedBytes > declaredBytes) return new BlobTooLargeError(declaredBytes);
  return new InvalidError(
    `The uploaded file has ${storedBytes} bytes, not the ${declaredBytes} declared: start a new upload`,
  );
}
