import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { RpcClient, type Runtime } from '@app/messaging';
import { LOGGER } from '@app/observability';
import { ConversionsController } from '../conversions/conversions.controller.js';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { ClickBuilder } from '../redirect/click-builder.js';
import { ClickQueue } from '../redirect/click-queue.js';
import { openCountryLookup } from '../redirect/country-lookup.js';
import { LinkCache } from '../redirect/link-cache.js';
import { RedirectRoute } from '../redirect/redirect.route.js';
import { LinksController } from './links.controller.js';

/** Tracked links, the `/l/:code` redirect (a plain Fastify route) with its click queue, and sales intake. */
@Module({})
export class TrackingModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: TrackingModule,
      imports: [RateLimitModule],
      controllers: [LinksController, ConversionsController],
      providers: [
        LinkCache,
        RedirectRoute,
        {
          provide: ClickBuilder,
          useFactory: async (config: AppConfig) =>
            new ClickBuilder(config.links, await openCountryLookup(config.links.geoipDatabasePath)),
          inject: [APP_CONFIG],
        },
        {
          provide: ClickQueue,
          useFactory: (rpc: RpcClient, logger: Logger) => ClickQueue.create(runtime, rpc, logger),
          inject: [RpcClient, LOGGER],
        },
      ],
    };
  }
}
