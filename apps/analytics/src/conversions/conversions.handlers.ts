import { Controller } from '@nestjs/common';
import {
  ConversionSubjects,
  type PostbackQuery,
  type RecordConversionDto,
  type ShopifyOrderRequestDto,
  type ShopifySecretDto,
} from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { ConversionsService } from './conversions.service.js';

@Controller()
export class ConversionsHandlers {
  constructor(private readonly conversions: ConversionsService) {}

  @Handles(ConversionSubjects.record, 'write')
  record(@Context() context: RequestContext, @Data() data: RecordConversionDto) {
    return this.conversions.record(context, data);
  }

  /** Authenticated by the workspace's postback key in the query, not by a principal. */
  @Handles(ConversionSubjects.postback, 'public')
  postback(@Data() data: PostbackQuery) {
    return this.conversions.postback(data);
  }

  @Handles(ConversionSubjects.rotatePostbackKey, 'manage')
  rotatePostbackKey(@Context() context: RequestContext) {
    return this.conversions.rotatePostbackKey(context);
  }

  @Handles(ConversionSubjects.setShopifySecret, 'manage')
  setShopifySecret(@Context() context: RequestContext, @Data() data: ShopifySecretDto) {
    return this.conversions.setShopifySecret(context, data.secret);
  }

  /** Authenticated by the webhook's HMAC, checked by the service. */
  @Handles(ConversionSubjects.shopifyOrder, 'public')
  shopifyOrder(@Data() data: ShopifyOrderRequestDto) {
    return this.conversions.shopifyOrder(data);
  }
}
