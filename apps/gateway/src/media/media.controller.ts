import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  CompleteUploadDto,
  CreateDirectUploadDto,
  DirectUploadView,
  MediaAssetView,
  MediaFromUrlDto,
  MediaIdParams,
  MediaSubjects,
  ProductMediaParams,
  ReorderMediaDto,
  UploadIdParams,
} from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';
import { MediaUploads } from './media-uploads.service.js';
import { RateLimit } from '../rate-limit/rate-limit.decorator.js';

const FILE_BODY = {
  schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
};

@ApiTags('media')
@ApiBearerAuth()
@Controller('api/v1')
export class MediaController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly uploads: MediaUploads,
  ) {}

  /**
   * Uploads an image (JPEG, PNG, WebP, AVIF, GIF) or a video (MP4, MOV) as multipart field `file`. Answers 202
   * with status `processing`; poll `GET /api/v1/media/:id` until `ready` (with its variants) or `failed`.
   * Identical bytes already in the workspace return the existing asset.
   */
  @RateLimit('costly')
  @Post('products/:productId/media')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiErrors(400, 401, 403, 404, 413, 429)
  upload(
    @Param() params: ProductMediaParams,
    @Req() request: FastifyRequest,
    @Call() call: CallContext,
  ): Promise<MediaAssetView> {
    return this.uploads.uploadMultipart(request, call, params.productId);
  }

  /**
   * S3 mode: a presigned URL to PUT a file of exactly `bytes` bytes to (at most the media limit); then complete
   * the upload. Editors and above; 400 with filesystem storage. Uploads not completed within a day are removed.
   */
  @RateLimit('costly')
  @Post('media/uploads')
  @ApiErrors(400, 401, 403, 413, 429)
  createUpload(@Body() body: CreateDirectUploadDto, @Call() call: CallContext): Promise<DirectUploadView> {
    return this.rpc.send(MediaSubjects.createUpload, { bytes: body.bytes }, call);
  }

  /**
   * Validates the file PUT to the upload URL and adds it to the product, like a multipart upload (202). A file of
   * another size than declared is removed with the upload: 413 when larger, 400 when smaller.
   */
  @RateLimit('costly')
  @Post('media/uploads/:id/complete')
  @HttpCode(202)
  @ApiErrors(400, 401, 403, 404, 413, 429)
  completeUpload(
    @Param() params: UploadIdParams,
    @Body() body: CompleteUploadDto,
    @Call() call: CallContext,
  ): Promise<MediaAssetView> {
    return this.rpc.send(
      MediaSubjects.completeUpload,
      { uploadId: params.id, productId: body.productId },
      call,
    );
  }

  /** Downloads an image from a public URL (private and loopback addresses refused) and adds it like an upload. */
  @RateLimit('costly')
  @Post('products/:productId/media/from-url')
  @HttpCode(202)
  @ApiErrors(400, 401, 403, 404, 413, 429)
  fromUrl(
    @Param() params: ProductMediaParams,
    @Body() body: MediaFromUrlDto,
    @Call() call: CallContext,
  ): Promise<MediaAssetView> {
    return this.rpc.send(MediaSubjects.createFromUrl, { productId: params.productId, url: body.url }, call);
  }

  /** The product's media in order; the first is the primary image. URLs are signed and expire. */
  @Get('products/:productId/media')
  @ApiErrors(400, 401, 404)
  list(@Param() params: ProductMediaParams, @Call() call: CallContext): Promise<MediaAssetView[]> {
    return this.rpc.send(MediaSubjects.listForProduct, params, call);
  }

  /** Sets the order of all the product's media; the first becomes the primary image. */
  @Put('products/:productId/media/order')
  @ApiErrors(400, 401, 403, 404)
  reorder(
    @Param() params: ProductMediaParams,
    @Body() body: ReorderMediaDto,
    @Call() call: CallContext,
  ): Promise<MediaAssetView[]> {
    return this.rpc.send(
      MediaSubjects.reorder,
      { productId: params.productId, mediaIds: body.mediaIds },
      call,
    );
  }

  @Get('media/:id')
  @ApiErrors(400, 401, 404)
  get(@Param() params: MediaIdParams, @Call() call: CallContext): Promise<MediaAssetView> {
    return this.rpc.send(MediaSubjects.get, params, call);
  }

  @Delete('media/:id')
  @HttpCode(204)
  @ApiErrors(400, 401, 403, 404)
  async remove(@Param() params: MediaIdParams, @Call() call: CallContext): Promise<void> {
    await this.rpc.send(MediaSubjects.delete, params, call);
  }
}
