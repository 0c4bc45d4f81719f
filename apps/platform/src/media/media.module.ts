import { Module } from '@nestjs/common';
import { ProductImagesReader } from './product-images.reader.js';
import { TargetMediaResolver } from './target-media.resolver.js';

/**
 * A target's media ids as fresh URLs of the content service, at post time and again at publish time; and the
 * image a drafted post of a product carries by default.
 */
@Module({
  providers: [TargetMediaResolver, ProductImagesReader],
  exports: [TargetMediaResolver, ProductImagesReader],
})
export class MediaModule {}
