import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module.js';
import { ProductEntity } from './product.entity.js';
import { ProductsHandlers } from './products.handlers.js';
import { ProductsRepository } from './products.repository.js';
import { ProductsService } from './products.service.js';

/** The entities the catalog adds to the content schema. */
export const PRODUCT_ENTITIES = [ProductEntity];

/** The catalog on the bus. Deleting a product removes its media's files (MediaModule); copy and videos read products. */
@Module({
  imports: [MediaModule],
  controllers: [ProductsHandlers],
  providers: [ProductsService, ProductsRepository],
  exports: [ProductsRepository],
})
export class ProductsModule {}
