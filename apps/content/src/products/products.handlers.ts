import { Controller } from '@nestjs/common';
import {
  ContentSubjects,
  type CreateProductDto,
  type FindProductsRequest,
  type ListProductsQuery,
  type ProductIdParams,
  type UpdateProductRequest,
} from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { ProductsService } from './products.service.js';

/** The products subjects on the bus, handed over to ProductsService. */
@Controller()
export class ProductsHandlers {
  constructor(private readonly products: ProductsService) {}

  @Handles(ContentSubjects.createProduct, 'write')
  create(@Context() context: RequestContext, @Data() data: CreateProductDto) {
    return this.products.create(context, data);
  }

  @Handles(ContentSubjects.listProducts, 'read')
  list(@Context() context: RequestContext, @Data() data: ListProductsQuery) {
    return this.products.list(context, data);
  }

  @Handles(ContentSubjects.getProduct, 'read')
  get(@Context() context: RequestContext, @Data() data: ProductIdParams) {
    return this.products.get(context, data.id);
  }

  @Handles(ContentSubjects.updateProduct, 'write')
  update(@Context() context: RequestContext, @Data() data: UpdateProductRequest) {
    return this.products.update(context, data.id, data.patch);
  }

  @Handles(ContentSubjects.deleteProduct, 'write')
  async delete(@Context() context: RequestContext, @Data() data: ProductIdParams) {
    await this.products.delete(context, data.id);
    return {};
  }

  @Handles(ContentSubjects.findProducts, 'read')
  find(@Context() context: RequestContext, @Data() data: FindProductsRequest) {
    return this.products.find(context, data);
  }
}
