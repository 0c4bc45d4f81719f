import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module.js';
import { DirectUploadsHandlers } from './direct-uploads.handlers.js';
import { DirectUploadsRepository } from './direct-uploads.repository.js';
import { DirectUploadsService } from './direct-uploads.service.js';
import { StaleUploadsWorker } from './stale-uploads.worker.js';

/** Direct uploads to the bucket: handed out with a declared size, completed into media, or cleaned after a day. */
@Module({
  imports: [MediaModule],
  controllers: [DirectUploadsHandlers],
  providers: [DirectUploadsRepository, DirectUploadsService, StaleUploadsWorker],
})
export class UploadsModule {}
