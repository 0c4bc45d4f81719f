import { Module } from '@nestjs/common';
import { ProviderRegistry } from './provider-registry.js';

/** The platforms behind one interface: their rules, OAuth, publishing and metrics. */
@Module({
  providers: [ProviderRegistry],
  exports: [ProviderRegistry],
})
export class ProvidersModule {}
