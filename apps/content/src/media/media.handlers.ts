import { Controller } from '@nestjs/common';
import {
  type CreateMediaFromUploadRequest,
  type CreateMediaFromUrlRequest,
  type MediaIdParams,
  MediaSubjects,
  type ProductMediaParams,
  type ReorderMediaRequest,
} from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { MediaService } from './media.service.js';

/** The media subjects on the bus, handed over to MediaService. */
@Controller()
export class MediaHandlers {
  constructor(private readonly media: MediaService) {}

  @Handles(MediaSubjects.createFromUpload, 'write')
  createFromUpload(@Context() context: RequestContext, @Data() data: CreateMediaFromUploadRequest) {
    return this.media.createFromUpload(context, data);
  }

  @Handles(MediaSubjects.createFromUrl, 'write')
  createFromUrl(@Context() context: RequestContext, @Data() data: CreateMediaFromUrlRequest) {
    return this.media.createFromUrl(context, data);
  }

  @Handles(MediaSubjects.listForProduct, 'read')
  list(@Context() context: RequestContext, @Data() data: ProductMediaParams) {
    return this.media.listForProduct(context, data.productId);
  }

  @Handles(MediaSubjects.get, 'read')
  get(@Context() context: RequestContext, @Data() data: MediaIdParams) {
    return this.media.get(context, data.id);
  }

  @Handles(MediaSubjects.delete, 'write')
  async delete(@Context() context: RequestContext, @Data() data: MediaIdParams) {
    await this.media.delete(context, data.id);
    return {};
  }

  @Handles(MediaSubjects.reorder, 'write')
  reorder(@Context() context: RequestContext, @Data() data: ReorderMediaRequest) {
    return this.media.reorder(context, data);
  }
}
