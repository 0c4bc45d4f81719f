import { type DynamicModule, Module } from '@nestjs/common';
import type { Runtime } from '@app/messaging';
import { ClickStreamConsumer } from './click-stream.consumer.js';
import { ClicksHandlers } from './clicks.handlers.js';
import { ClicksRepository } from './clicks.repository.js';
import { ClicksService } from './clicks.service.js';

/** Click ingestion: over the bus in standalone mode, from the CLICKS JetStream stream when distributed. */
@Module({})
export class ClicksModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: ClicksModule,
      controllers: [ClicksHandlers],
      providers: [ClicksRepository, ClicksService, ...(runtime.bus ? [] : [ClickStreamConsumer])],
      exports: [ClicksService],
    };
  }
}
