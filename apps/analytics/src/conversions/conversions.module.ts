import { Module } from '@nestjs/common';
import { ConversionsHandlers } from './conversions.handlers.js';
import { ConversionsRepository } from './conversions.repository.js';
import { ConversionsService } from './conversions.service.js';

/** Sales and their attribution to clicks, links, posts and products. */
@Module({
  controllers: [ConversionsHandlers],
  providers: [ConversionsRepository, ConversionsService],
})
export class ConversionsModule {}
