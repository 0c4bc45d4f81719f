import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ConversionSubjects,
  type ConversionView,
  PostbackQuery,
  type PostbackKeyView,
  RecordConversionDto,
  type RpcEnvelope,
  ShopifyOrderRequestDto,
  ShopifySecretDto,
} from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import { ConversionsService } from './conversions.service.js';

@Controller()
export class ConversionsHandlers {
  constructor(private readonly conversions: ConversionsService) {}

  @MessagePattern(ConversionSubjects.record)
  record(
    @Payload(new EnvelopePipe(RecordConversionDto)) envelope: RpcEnvelope<RecordConversionDto>,
  ): Promise<ConversionView> {
    return this.conversions.record(requirePrincipal(envelope), envelope.data);
  }

  @MessagePattern(ConversionSubjects.postback)
  postback(
    @Payload(new EnvelopePipe(PostbackQuery)) envelope: RpcEnvelope<PostbackQuery>,
  ): Promise<ConversionView> {
    return this.conversions.postback(envelope.data);
  }

  @MessagePattern(ConversionSubjects.rotatePostbackKey)
  rotatePostbackKey(@Payload(new EnvelopePipe()) envelope: RpcEnvelope<unknown>): Promise<PostbackKeyView> {
    return this.conversions.rotatePostbackKey(requirePrincipal(envelope));
  }

  @MessagePattern(ConversionSubjects.setShopifySecret)
  setShopifySecret(
    @Payload(new EnvelopePipe(ShopifySecretDto)) envelope: RpcEnvelope<ShopifySecretDto>,
  ): Promise<{ isSet: boolean }> {
    return this.conversions.setShopifySecret(requirePrincipal(envelope), envelope.data.secret);
  }

  @MessagePattern(ConversionSubjects.shopifyOrder)
  shopifyOrder(
    @Payload(new EnvelopePipe(ShopifyOrderRequestDto)) envelope: RpcEnvelope<ShopifyOrderRequestDto>,
  ): Promise<ConversionView | { ignored: string }> {
    return this.conversions.shopifyOrder(envelope.data);
  }
}
