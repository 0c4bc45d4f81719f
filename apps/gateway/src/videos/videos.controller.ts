import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CreateVideoDto,
  ProductVideosParams,
  VideoBrand,
  VideoBrandView,
  VideoIdParams,
  VideoSubjects,
  VideoView,
} from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';

@ApiTags('videos')
@ApiBearerAuth()
@Controller('api/v1')
export class VideosController {
  constructor(private readonly rpc: RpcClient) {}

  /**
   * Queues a 9:16 promo video of the product (202, status `queued`); poll `GET /api/v1/videos/:id` for its
   * progress until `ready` (with one output per format, each a media asset of kind video) or `failed`.
   */
  @Post('products/:productId/videos')
  @HttpCode(202)
  @ApiErrors(400, 401, 403, 404)
  create(
    @Param() params: ProductVideosParams,
    @Body() body: CreateVideoDto,
    @Call() call: CallContext,
  ): Promise<VideoView> {
    return this.rpc.send(VideoSubjects.create, { ...body, productId: params.productId }, call);
  }

  /** The product's videos, newest first. Output URLs are signed and expire. */
  @Get('products/:productId/videos')
  @ApiErrors(400, 401, 404)
  list(@Param() params: ProductVideosParams, @Call() call: CallContext): Promise<VideoView[]> {
    return this.rpc.send(VideoSubjects.listForProduct, params, call);
  }

  @Get('videos/:id')
  @ApiErrors(400, 401, 404)
  get(@Param() params: VideoIdParams, @Call() call: CallContext): Promise<VideoView> {
    return this.rpc.send(VideoSubjects.get, params, call);
  }

  /** Deletes the video and its output media assets. */
  @Delete('videos/:id')
  @HttpCode(204)
  @ApiErrors(400, 401, 403, 404)
  async remove(@Param() params: VideoIdParams, @Call() call: CallContext): Promise<void> {
    await this.rpc.send(VideoSubjects.delete, params, call);
  }

  /** The workspace's video brand (gradient colours, font): the default of videos that name no brand. */
  @Get('settings/brand')
  @ApiErrors(401)
  getBrand(@Call() call: CallContext): Promise<VideoBrandView> {
    return this.rpc.send(VideoSubjects.getBrand, {}, call);
  }

  /** Replaces the workspace's video brand; an unknown font or a colour that is not #rrggbb is a 400. */
  @Put('settings/brand')
  @ApiErrors(400, 401, 403)
  updateBrand(@Body() body: VideoBrand, @Call() call: CallContext): Promise<VideoBrandView> {
    return this.rpc.send(VideoSubjects.updateBrand, body, call);
  }
}
