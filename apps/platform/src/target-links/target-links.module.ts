import { Module } from '@nestjs/common';
import { ProvidersModule } from '../providers/providers.module.js';
import { TargetLinksRepository } from './target-links.repository.js';
import { TargetLinks } from './target-links.service.js';

/** The tracked link of each post target: where it leads, what is published with it, and asking analytics for it. */
@Module({
  imports: [ProvidersModule],
  providers: [TargetLinksRepository, TargetLinks],
  exports: [TargetLinks],
})
export class TargetLinksModule {}
