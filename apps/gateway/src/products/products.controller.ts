import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  ContentSubjects,
  CreateProductDto,
  ListProductsQuery,
  ProductIdParams,
  ProductPageView,
  ProductView,
  UpdateProductDto,
} from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';

@ApiTags('products')
@ApiBearerAuth()
@Controller('api/v1/products')
export class ProductsController {
  constructor(private readonly rpc: RpcClient) {}

  /** Adds a product to the current workspace's catalog. */
  @Post()
  @ApiErrors(400, 401, 403, 409)
  create(@Body() body: CreateProductDto, @Call() call: CallContext): Promise<ProductView> {
    return this.rpc.send(ContentSubjects.createProduct, body, call);
  }

  /**
   * Lists products a page at a time, newest first unless `sort` and `order` say otherwise; filter with `q`,
   * `tag` and `status`.
   */
  @Get()
  @ApiErrors(400, 401)
  list(@Query() query: ListProductsQuery, @Call() call: CallContext): Promise<ProductPageView> {
    return this.rpc.send(ContentSubjects.listProducts, query, call);
  }

  @Get(':id')
  @ApiErrors(400, 401, 404)
  get(@Param() params: ProductIdParams, @Call() call: CallContext): Promise<ProductView> {
    return this.rpc.send(ContentSubjects.getProduct, params, call);
  }

  /** Changes the given fields; `null` clears an optional field. */
  @Patch(':id')
  @ApiErrors(400, 401, 403, 404, 409)
  update(
    @Param() params: ProductIdParams,
    @Body() body: UpdateProductDto,
    @Call() call: CallContext,
  ): Promise<ProductView> {
    return this.rpc.send(ContentSubjects.updateProduct, { id: params.id, patch: body }, call);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiErrors(400, 401, 403, 404)
  async remove(@Param() params: ProductIdParams, @Call() call: CallContext): Promise<void> {
    await this.rpc.send(ContentSubjects.deleteProduct, params, call);
  }
}
