import { Module } from '@nestjs/common';
import { ExperimentsHandlers } from './experiments.handlers.js';
import { ExperimentsRepository } from './experiments.repository.js';
import { ExperimentsService } from './experiments.service.js';

/** A/B tests of caption variants with a Beta-Binomial probability to be best. */
@Module({
  controllers: [ExperimentsHandlers],
  providers: [ExperimentsRepository, ExperimentsService],
})
export class ExperimentsModule {}
