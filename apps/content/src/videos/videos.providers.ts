import { VideoBrandSettings } from './video-brand-settings.js';
import { VideoBrandSettingsEntity } from './video-brand-settings.entity.js';
import { VideoBrandSettingsRepository } from './video-brand-settings.repository.js';
import { VideoJobs } from './video-jobs.js';
import { VideoProcessor } from './video-processor.js';
import { VideoEntity } from './video.entity.js';
import { VideosHandlers } from './videos.handlers.js';
import { VideosRepository } from './videos.repository.js';
import { VideosService } from './videos.service.js';

/** What ContentModule needs to host product videos: their entity, bus handlers and providers. */
export const VIDEO_ENTITIES = [VideoEntity, VideoBrandSettingsEntity];
export const VIDEO_PROVIDERS = [
  VideosService,
  VideosRepository,
  VideoJobs,
  VideoProcessor,
  VideoBrandSettings,
  VideoBrandSettingsRepository,
];
export { VideosHandlers };
