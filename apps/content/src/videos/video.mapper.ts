import type { VideoOutputView, VideoView } from '@app/contracts';
import type { UrlSigner } from '../media/media.mapper.js';
import type { VideoEntity, VideoOutput } from './video.entity.js';

/** The contract view of a video; the only shape of a video that leaves the service. */
export async function toVideoView(video: VideoEntity, urlOf: UrlSigner): Promise<VideoView> {
  return {
    id: video.id,
    productId: video.productId,
    template: video.template,
    durationSec: video.durationSec,
    formats: video.formats,
    status: video.status,
    progress: video.progress,
    failureReason: video.failureReason,
    outputs: await Promise.all(video.outputs.map((output) => toOutputView(output, urlOf))),
    music: video.music,
    watermark: video.watermark,
    brand: video.brand,
    createdAt: video.createdAt.toISOString(),
    updatedAt: video.updatedAt.toISOString(),
  };
}

async function toOutputView(output: VideoOutput, urlOf: UrlSigner): Promise<VideoOutputView> {
  const { format, mediaId, width, height, durationSec, bytes, bitrate } = output;
  return { format, mediaId, url: await urlOf(output.key), width, height, durationSec, bytes, bitrate };
}
