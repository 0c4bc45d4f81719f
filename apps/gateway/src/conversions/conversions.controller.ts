import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  ConversionSubjects,
  ConversionView,
  PostbackKeyView,
  PostbackQuery,
  RecordConversionDto,
  ShopifySecretDto,
} from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';
import { Public } from '../http/public.decorator.js';

@ApiTags('conversions')
@Controller('api/v1')
export class ConversionsController {
  constructor(private readonly rpc: RpcClient) {}

  /**
   * Records a sale. Idempotent on `orderId`: the same order sent again changes nothing; a new `status`
   * (`refunded`, `cancelled`) or amount replaces the old one. Give the `sc_cid` click id (or a `linkId`)
   * to attribute it to the click, link, post, variant, product and platform.
   */
  @Post('conversions')
  @ApiBearerAuth()
  @ApiErrors(400, 401, 403, 404)
  record(@Body() body: RecordConversionDto, @Call() call: CallContext): Promise<ConversionView> {
    return this.rpc.send(ConversionSubjects.record, body, call);
  }

  /**
   * Server-to-server postback for affiliate networks: `key` is the workspace's postback key, `amount` is in
   * major units. Idempotent on `order_id`, like `POST /conversions`.
   */
  @Get('postback')
  @Public()
  @ApiErrors(400, 401)
  postback(@Query() query: PostbackQuery, @Call() call: CallContext): Promise<ConversionView> {
    return this.rpc.send(ConversionSubjects.postback, query, call);
  }

  /** Issues a new postback key (owners and admins); the previous key stops working. Shown only once. */
  @Post('conversions/postback-key')
  @ApiBearerAuth()
  @ApiErrors(401, 403)
  rotatePostbackKey(@Call() call: CallContext): Promise<PostbackKeyView> {
    return this.rpc.send(ConversionSubjects.rotatePostbackKey, {}, call);
  }

  /** Sets the secret Shopify signs this workspace's order webhooks with (owners and admins). */
  @Put('conversions/shopify-secret')
  @ApiBearerAuth()
  @ApiErrors(400, 401, 403)
  setShopifySecret(@Body() body: ShopifySecretDto, @Call() call: CallContext): Promise<{ isSet: boolean }> {
    return this.rpc.send(ConversionSubjects.setShopifySecret, body, call);
  }
}
