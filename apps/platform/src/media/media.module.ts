import { Module } from '@nestjs/common';
import { TargetMediaResolver } from './target-media.resolver.js';

/** A target's media ids as fresh URLs of the content service, at post time and again at publish time. */
@Module({
  providers: [TargetMediaResolver],
  exports: [TargetMediaResolver],
})
export class MediaModule {}
