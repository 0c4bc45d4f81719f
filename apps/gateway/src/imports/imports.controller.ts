import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiExtraModels, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ImportIdParams,
  ImportImagesRetryView,
  ImportReportView,
  ImportSubjects,
  PrefillFromUrlDto,
  ProductPrefillView,
} from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';
import { answerImport, importBodySchema, JsonImportDto } from './import-request.js';
import { ImportsService } from './imports.service.js';
import { RateLimit } from '../rate-limit/rate-limit.decorator.js';

const IMPORT_BODY = importBodySchema(
  {
    mapping: { type: 'string', description: 'JSON: field -> column, e.g. {"externalId":"SKU"}' },
    filters: {
      type: 'string',
      description: 'JSON: minPriceMinor, maxPriceMinor, minCommissionRate, minRating, categories',
    },
    defaultCurrency: { type: 'string' },
  },
  JsonImportDto,
);

@ApiTags('products')
@ApiBearerAuth()
@ApiExtraModels(JsonImportDto)
@Controller('api/v1')
export class ImportsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly imports: ImportsService,
  ) {}

  /**
   * Imports products from a CSV or JSON file (multipart field `file`) or a JSON body `{products: [...]}`:
   * upserts by externalId (SKU), so re-importing changes nothing. Small files answer 201 with the report;
   * larger ones 202 with status `running`: follow `GET /api/v1/imports/:id`. A malformed file is a 400 naming
   * the line and column.
   */
  @RateLimit('costly')
  @Post('products/import')
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody(IMPORT_BODY)
  @ApiErrors(400, 401, 403, 413, 429)
  async start(
    @Req() request: FastifyRequest,
    @Call() call: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportReportView> {
    return answerImport(reply, await this.imports.start(request, call));
  }

  /** Progress and report of an import. */
  @Get('imports/:id')
  @ApiErrors(400, 401, 404)
  get(@Param() params: ImportIdParams, @Call() call: CallContext): Promise<ImportReportView> {
    return this.rpc.send(ImportSubjects.get, params, call);
  }

  /**
   * Queues again the image URLs of an import that could not be added (listed as warnings in its report);
   * answers how many were queued. Follow the product's media for the outcome.
   */
  @Post('imports/:id/retry-images')
  @HttpCode(202)
  @ApiErrors(400, 401, 403, 404)
  retryImages(@Param() params: ImportIdParams, @Call() call: CallContext): Promise<ImportImagesRetryView> {
    return this.rpc.send(ImportSubjects.retryImages, params, call);
  }

  /**
   * Reads a product page (JSON-LD, Open Graph, meta tags) and returns a pre-filled product; nothing is saved.
   * Editors and owners only: it makes Shopcast fetch a page for the caller.
   */
  @RateLimit('costly')
  @Post('products/from-url')
  @HttpCode(200)
  @ApiErrors(400, 401, 403, 413, 429)
  fromUrl(@Body() body: PrefillFromUrlDto, @Call() call: CallContext): Promise<ProductPrefillView> {
    return this.rpc.send(ImportSubjects.prefillFromUrl, body, call);
  }
}
