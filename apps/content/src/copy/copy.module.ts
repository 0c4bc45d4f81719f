import { Module } from '@nestjs/common';
import { ProductsModule } from '../products/products.module.js';
import { CopyAiClient } from './ai/copy-ai.client.js';
import { CopyGenerator } from './copy-generator.js';
import { CopySetEntity } from './copy-set.entity.js';
import { CopySettingsEntity } from './copy-settings.entity.js';
import { CopySettingsService } from './copy-settings.service.js';
import { CopyHandlers } from './copy.handlers.js';
import { CopyRepository } from './copy.repository.js';
import { CopyService } from './copy.service.js';

/** The entities copy adds to the content schema. */
export const COPY_ENTITIES = [CopySetEntity, CopySettingsEntity];

/** Copy generation (AI and templates) from the products of the catalog, previews and copy settings on the bus. */
@Module({
  imports: [ProductsModule],
  controllers: [CopyHandlers],
  providers: [CopyService, CopySettingsService, CopyGenerator, CopyAiClient, CopyRepository],
})
export class CopyModule {}
