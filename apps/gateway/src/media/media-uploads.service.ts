import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  type DirectUploadView,
  InvalidError,
  UnauthorizedError,
  type MediaAssetView,
  MediaSubjects,
} from '@app/contracts';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { type CallContext, RpcClient } from '@app/messaging';
import { BLOB_STORE, type BlobStore, uploadKeyOf } from '@app/storage';
import { UploadStore } from './upload-store.service.js';

const UPLOAD_URL_TTL_SEC = 15 * 60;

/**
 * Media uploads: multipart files streamed to storage by the gateway, or (S3 mode) direct uploads the client PUTs
 * to the bucket with a presigned URL and then completes; either way the content service validates the file.
 */
@Injectable()
export class MediaUploads {
  constructor(
    private readonly rpc: RpcClient,
    private readonly uploads: UploadStore,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async uploadMultipart(
    request: FastifyRequest,
    call: CallContext,
    productId: string,
  ): Promise<MediaAssetView> {
    const { key } = await this.uploads.storeMedia(request, call, this.config.media.maxImageBytes);
    try {
      return await this.rpc.send(MediaSubjects.createFromUpload, { productId, uploadKey: key }, call);
    } catch (error) {
      // The content service removes uploads it received; one it never got is removed here.
      await this.uploads.discard(key);
      throw error;
    }
  }

  async create(call: CallContext): Promise<DirectUploadView> {
    const uploadId = randomUUID();
    const uploadUrl = await this.blobs.uploadUrl(
      uploadKeyOf(workspaceOf(call), uploadId),
      UPLOAD_URL_TTL_SEC,
    );
    if (uploadUrl === null) {
      throw new InvalidError(
        'Direct uploads need STORAGE_DRIVER=s3; upload the file to POST /api/v1/products/:id/media instead',
      );
    }
    return {
      uploadId,
      uploadUrl,
      expiresAt: new Date(Date.now() + UPLOAD_URL_TTL_SEC * 1000).toISOString(),
      maxBytes: this.config.media.maxImageBytes,
    };
  }

  /** Hands the uploaded file to the content service, which validates it like any upload (404 if never PUT). */
  complete(call: CallContext, uploadId: string, productId: string): Promise<MediaAssetView> {
    const uploadKey = uploadKeyOf(workspaceOf(call), uploadId);
    return this.rpc.send(MediaSubjects.createFromUpload, { productId, uploadKey }, call);
  }
}

function workspaceOf(call: CallContext): string {
  if (!call.principal) throw new UnauthorizedError();
  return call.principal.workspaceId;
}
