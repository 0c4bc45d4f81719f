import { Controller } from '@nestjs/common';
import {
  type CreateVideoRequest,
  type ProductVideosParams,
  type VideoBrand,
  type VideoIdParams,
  VideoSubjects,
} from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { VideoBrandSettings } from './video-brand-settings.js';
import { VideosService } from './videos.service.js';

/** The video subjects on the bus, handed over to VideosService and VideoBrandSettings. */
@Controller()
export class VideosHandlers {
  constructor(
    private readonly videos: VideosService,
    private readonly brand: VideoBrandSettings,
  ) {}

  @Handles(VideoSubjects.create, 'write')
  create(@Context() context: RequestContext, @Data() data: CreateVideoRequest) {
    return this.videos.create(context, data);
  }

  @Handles(VideoSubjects.listForProduct, 'read')
  list(@Context() context: RequestContext, @Data() data: ProductVideosParams) {
    return this.videos.listForProduct(context, data.productId);
  }

  @Handles(VideoSubjects.get, 'read')
  get(@Context() context: RequestContext, @Data() data: VideoIdParams) {
    return this.videos.get(context, data.id);
  }

  @Handles(VideoSubjects.delete, 'write')
  async delete(@Context() context: RequestContext, @Data() data: VideoIdParams) {
    await this.videos.delete(context, data.id);
    return {};
  }

  @Handles(VideoSubjects.getBrand, 'read')
  getBrand(@Context() context: RequestContext) {
    return this.brand.get(context.principal.workspaceId);
  }

  @Handles(VideoSubjects.updateBrand, 'write')
  updateBrand(@Context() context: RequestContext, @Data() data: VideoBrand) {
    return this.brand.put(context, data);
  }
}
