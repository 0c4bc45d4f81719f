import { Module } from '@nestjs/common';
import { LinksHandlers } from './links.handlers.js';
import { LinksRepository } from './links.repository.js';
import { LinksService } from './links.service.js';

/** Tracked links and the code lookup behind the gateway's redirect. */
@Module({
  controllers: [LinksHandlers],
  providers: [LinksRepository, LinksService],
  exports: [LinksRepository],
})
export class LinksModule {}
