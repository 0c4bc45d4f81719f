import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateMediaFromUploadRequest,
  CreateMediaFromUrlRequest,
  MediaIdParams,
  MediaSubjects,
  ProductMediaParams,
  type ReplyOf,
  ReorderMediaRequest,
  type RpcEnvelope,
} from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import type { Caller } from '../products/products.service.js';
import { MediaService } from './media.service.js';

/** The media subjects on the bus; each validates its envelope and hands over to MediaService. */
@Controller()
export class MediaHandlers {
  constructor(private readonly media: MediaService) {}

  @MessagePattern(MediaSubjects.createFromUpload)
  createFromUpload(
    @Payload(new EnvelopePipe(CreateMediaFromUploadRequest))
    envelope: RpcEnvelope<CreateMediaFromUploadRequest>,
  ): Promise<ReplyOf<typeof MediaSubjects.createFromUpload>> {
    return this.media.createFromUpload(callerOf(envelope), envelope.data);
  }

  @MessagePattern(MediaSubjects.createFromUrl)
  createFromUrl(
    @Payload(new EnvelopePipe(CreateMediaFromUrlRequest)) envelope: RpcEnvelope<CreateMediaFromUrlRequest>,
  ): Promise<ReplyOf<typeof MediaSubjects.createFromUrl>> {
    return this.media.createFromUrl(callerOf(envelope), envelope.data);
  }

  @MessagePattern(MediaSubjects.listForProduct)
  list(
    @Payload(new EnvelopePipe(ProductMediaParams)) envelope: RpcEnvelope<ProductMediaParams>,
  ): Promise<ReplyOf<typeof MediaSubjects.listForProduct>> {
    return this.media.listForProduct(callerOf(envelope), envelope.data.productId);
  }

  @MessagePattern(MediaSubjects.get)
  get(
    @Payload(new EnvelopePipe(MediaIdParams)) envelope: RpcEnvelope<MediaIdParams>,
  ): Promise<ReplyOf<typeof MediaSubjects.get>> {
    return this.media.get(callerOf(envelope), envelope.data.id);
  }

  @MessagePattern(MediaSubjects.delete)
  delete(
    @Payload(new EnvelopePipe(MediaIdParams)) envelope: RpcEnvelope<MediaIdParams>,
  ): Promise<ReplyOf<typeof MediaSubjects.delete>> {
    return this.media.delete(callerOf(envelope), envelope.data.id);
  }

  @MessagePattern(MediaSubjects.reorder)
  reorder(
    @Payload(new EnvelopePipe(ReorderMediaRequest)) envelope: RpcEnvelope<ReorderMediaRequest>,
  ): Promise<ReplyOf<typeof MediaSubjects.reorder>> {
    return this.media.reorder(callerOf(envelope), envelope.data);
  }
}

function callerOf(envelope: RpcEnvelope<unknown>): Caller {
  return { principal: requirePrincipal(envelope), correlationId: envelope.correlationId };
}
