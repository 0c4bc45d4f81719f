import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { type MediaAssetView, MediaSubjects } from '@app/contracts';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { type CallContext, RpcClient } from '@app/messaging';
import { UploadStore } from './upload-store.service.js';

/**
 * Multipart media uploads: the file is streamed to storage by the gateway, then the content service validates it.
 * (Direct uploads to the bucket are handed out and completed by the content service.)
 */
@Injectable()
export class MediaUploads {
  constructor(
    private readonly rpc: RpcClient,
    private readonly uploads: UploadStore,
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
}
