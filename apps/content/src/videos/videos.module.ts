import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module.js';
import { ProductsModule } from '../products/products.module.js';
import { VideoBrandSettings } from './video-brand-settings.js';
import { VideoBrandSettingsEntity } from './video-brand-settings.entity.js';
import { VideoBrandSettingsRepository } from './video-brand-settings.repository.js';
import { VideoJobs } from './video-jobs.js';
import { VideoProcessor } from './video-processor.js';
import { VideoEntity } from './video.entity.js';
import { VideosHandlers } from './videos.handlers.js';
import { VideosRepository } from './videos.repository.js';
import { VideosService } from './videos.service.js';

/** The entities product videos add to the content schema. */
export const VIDEO_ENTITIES = [VideoEntity, VideoBrandSettingsEntity];

/** Product videos rendered from a product's images by a job, and the workspace's video brand. */
@Module({
  imports: [ProductsModule, MediaModule],
  controllers: [VideosHandlers],
  providers: [
    VideosService,
    VideosRepository,
    VideoJobs,
    VideoProcessor,
    VideoBrandSettings,
    VideoBrandSettingsRepository,
  ],
})
export class VideosModule {}
