import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ContentSubjects,
  CreateProductDto,
  ListProductsQuery,
  ProductIdParams,
  type ReplyOf,
  type RpcEnvelope,
  UpdateProductRequest,
} from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import { type Caller, ProductsService } from './products.service.js';

/** The products subjects on the bus; each validates its envelope and hands over to ProductsService. */
@Controller()
export class ProductsHandlers {
  constructor(private readonly products: ProductsService) {}

  @MessagePattern(ContentSubjects.createProduct)
  create(
    @Payload(new EnvelopePipe(CreateProductDto)) envelope: RpcEnvelope<CreateProductDto>,
  ): Promise<ReplyOf<typeof ContentSubjects.createProduct>> {
    return this.products.create(callerOf(envelope), envelope.data);
  }

  @MessagePattern(ContentSubjects.listProducts)
  list(
    @Payload(new EnvelopePipe(ListProductsQuery)) envelope: RpcEnvelope<ListProductsQuery>,
  ): Promise<ReplyOf<typeof ContentSubjects.listProducts>> {
    return this.products.list(callerOf(envelope), envelope.data);
  }

  @MessagePattern(ContentSubjects.getProduct)
  get(
    @Payload(new EnvelopePipe(ProductIdParams)) envelope: RpcEnvelope<ProductIdParams>,
  ): Promise<ReplyOf<typeof ContentSubjects.getProduct>> {
    return this.products.get(callerOf(envelope), envelope.data.id);
  }

  @MessagePattern(ContentSubjects.updateProduct)
  update(
    @Payload(new EnvelopePipe(UpdateProductRequest)) envelope: RpcEnvelope<UpdateProductRequest>,
  ): Promise<ReplyOf<typeof ContentSubjects.updateProduct>> {
    return this.products.update(callerOf(envelope), envelope.data.id, envelope.data.patch);
  }

  @MessagePattern(ContentSubjects.deleteProduct)
  delete(
    @Payload(new EnvelopePipe(ProductIdParams)) envelope: RpcEnvelope<ProductIdParams>,
  ): Promise<ReplyOf<typeof ContentSubjects.deleteProduct>> {
    return this.products.delete(callerOf(envelope), envelope.data.id);
  }
}

function callerOf(envelope: RpcEnvelope<unknown>): Caller {
  return { principal: requirePrincipal(envelope), correlationId: envelope.correlationId };
}
