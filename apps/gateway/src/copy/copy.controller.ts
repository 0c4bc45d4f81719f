import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  CopyIdParams,
  CopyPreviewView,
  CopySetListView,
  CopySettingsDto,
  CopySettingsView,
  CopySetView,
  CopySubjects,
  GenerateCopyDto,
  PreviewCopyDto,
  ProductIdParams,
  UpdateCopyDto,
} from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';

@ApiTags('copy')
@ApiBearerAuth()
@Controller('api/v1')
export class CopyController {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Generates a new version of the product's copy for each platform and variant, checked against its rules. */
  @Post('products/:id/copy')
  @ApiErrors(400, 401, 403, 404)
  generate(
    @Param() params: ProductIdParams,
    @Body() body: GenerateCopyDto,
    @Call() call: CallContext,
  ): Promise<CopySetView> {
    // A model may take longer than other requests; the content service ends its call before this deadline.
    const timeoutMs = this.config.copy.generateTimeoutMs;
    return this.rpc.send(CopySubjects.generate, { productId: params.id, options: body }, call, { timeoutMs });
  }

  /** The product's copy versions, newest first. */
  @Get('products/:id/copy')
  @ApiErrors(400, 401, 404)
  list(@Param() params: ProductIdParams, @Call() call: CallContext): Promise<CopySetListView> {
    return this.rpc.send(CopySubjects.listForProduct, params, call);
  }

  /** The affiliate disclosure copy carries, by default and per platform. */
  @Get('copy/settings')
  @ApiErrors(401)
  getSettings(@Call() call: CallContext): Promise<CopySettingsView> {
    return this.rpc.send(CopySubjects.getSettings, {}, call);
  }

  @Put('copy/settings')
  @ApiErrors(400, 401, 403)
  updateSettings(@Body() body: CopySettingsDto, @Call() call: CallContext): Promise<CopySettingsView> {
    return this.rpc.send(CopySubjects.updateSettings, body, call);
  }

  /** Counts a text as the platform will (links at their tracked short length) and lists every broken rule. */
  @Post('copy/preview')
  @HttpCode(200)
  @ApiErrors(400, 401)
  preview(@Body() body: PreviewCopyDto, @Call() call: CallContext): Promise<CopyPreviewView> {
    return this.rpc.send(CopySubjects.preview, body, call);
  }

  @Get('copy/:id')
  @ApiErrors(400, 401, 404)
  get(@Param() params: CopyIdParams, @Call() call: CallContext): Promise<CopySetView> {
    return this.rpc.send(CopySubjects.get, params, call);
  }

  /** Edits items of a copy set; an edit that breaks a platform rule is refused with the rule named. */
  @Patch('copy/:id')
  @ApiErrors(400, 401, 403, 404)
  update(
    @Param() params: CopyIdParams,
    @Body() body: UpdateCopyDto,
    @Call() call: CallContext,
  ): Promise<CopySetView> {
    return this.rpc.send(CopySubjects.update, { id: params.id, patch: body }, call);
  }
}
