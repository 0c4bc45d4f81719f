import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateVideoRequest,
  ProductVideosParams,
  type ReplyOf,
  type RpcEnvelope,
  VideoBrand,
  VideoIdParams,
  VideoSubjects,
} from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import type { Caller } from '../products/products.service.js';
import { VideoBrandSettings } from './video-brand-settings.js';
import { VideosService } from './videos.service.js';

/** The video subjects on the bus; each validates its envelope and hands over to VideosService. */
@Controller()
export class VideosHandlers {
  constructor(
    private readonly videos: VideosService,
    private readonly brand: VideoBrandSettings,
  ) {}

  @MessagePattern(VideoSubjects.create)
  create(
    @Payload(new EnvelopePipe(CreateVideoRequest)) envelope: RpcEnvelope<CreateVideoRequest>,
  ): Promise<ReplyOf<typeof VideoSubjects.create>> {
    return this.videos.create(callerOf(envelope), envelope.data);
  }

  @MessagePattern(VideoSubjects.listForProduct)
  list(
    @Payload(new EnvelopePipe(ProductVideosParams)) envelope: RpcEnvelope<ProductVideosParams>,
  ): Promise<ReplyOf<typeof VideoSubjects.listForProduct>> {
    return this.videos.listForProduct(callerOf(envelope), envelope.data.productId);
  }

  @MessagePattern(VideoSubjects.get)
  get(
    @Payload(new EnvelopePipe(VideoIdParams)) envelope: RpcEnvelope<VideoIdParams>,
  ): Promise<ReplyOf<typeof VideoSubjects.get>> {
    return this.videos.get(callerOf(envelope), envelope.data.id);
  }

  @MessagePattern(VideoSubjects.delete)
  delete(
    @Payload(new EnvelopePipe(VideoIdParams)) envelope: RpcEnvelope<VideoIdParams>,
  ): Promise<ReplyOf<typeof VideoSubjects.delete>> {
    return this.videos.delete(callerOf(envelope), envelope.data.id);
  }

  @MessagePattern(VideoSubjects.getBrand)
  getBrand(
    @Payload(new EnvelopePipe()) envelope: RpcEnvelope<unknown>,
  ): Promise<ReplyOf<typeof VideoSubjects.getBrand>> {
    return this.brand.get(callerOf(envelope).principal.workspaceId);
  }

  @MessagePattern(VideoSubjects.updateBrand)
  updateBrand(
    @Payload(new EnvelopePipe(VideoBrand)) envelope: RpcEnvelope<VideoBrand>,
  ): Promise<ReplyOf<typeof VideoSubjects.updateBrand>> {
    return this.brand.put(callerOf(envelope), envelope.data);
  }
}

function callerOf(envelope: RpcEnvelope<unknown>): Caller {
  return { principal: requirePrincipal(envelope), correlationId: envelope.correlationId };
}
