import { Injectable } from '@nestjs/common';
import {
  type ConnectablePlatform,
  DomainError,
  InvalidError,
  MediaResolveSubjects,
  type MediaPresetName,
  type TargetMediaView,
} from '@app/contracts';
import { type RequestContext, RpcClient } from '@app/messaging';
import { PublishError } from '../providers/provider.js';

/**
 * The image preset each platform shows best, from its published media specs: X 16:9 (1200x675), Pinterest 2:3
 * (1000x1500), Facebook and Instagram feed 4:5 (1080x1350), TikTok 9:16 (1080x1920). Others get the master image.
 */
const PRESET_OF: Partial<Record<ConnectablePlatform, MediaPresetName>> = {
  x: 'landscape',
  pinterest: 'pin',
  facebook: 'portrait',
  instagram: 'portrait',
  tiktok: 'story',
};

/**
 * Media ids of a target -> URLs, through the content service. Its URLs are signed and expire
 * (MEDIA_URL_TTL_SEC, an hour by default) while a post may wait months, so they are resolved again
 * right before the provider call.
 */
@Injectable()
export class TargetMediaResolver {
  constructor(private readonly rpc: RpcClient) {}

  /**
   * Unknown ids and another workspace's ids fail with a 404 naming the media. `context` is the request's
   * own, or a publishing job's systemContext: the media are read in its workspace and request chain.
   */
  async resolve(
    context: RequestContext,
    platform: ConnectablePlatform,
    ids: string[],
  ): Promise<TargetMediaView[]> {
    if (ids.length === 0) return [];
    const resolved = await this.rpc.send(
      MediaResolveSubjects.resolve,
      { ids, preset: PRESET_OF[platform] },
      context,
    );
    const audio = resolved.find((item) => item.kind === 'audio');
    if (audio)
      throw new InvalidError(`Media ${audio.id} is audio; a post takes images and videos`, {
        fields: [{ field: 'mediaIds', messages: [`media ${audio.id} is audio`] }],
      });
    return resolved.map(({ id, url, kind, mimeType, width, height, durationSec }) => ({
      id,
      url,
      kind,
      mimeType,
      width,
      height,
      ...(durationSec === undefined ? {} : { durationSec }),
    }));
  }

  /** The URLs a provider gets: the target's own URLs, then fresh URLs of its media ids. Throws PublishError. */
  async publishUrls(
    context: RequestContext,
    target: { platform: ConnectablePlatform; mediaUrls: string[]; mediaIds: string[] },
  ): Promise<string[]> {
    if (target.mediaIds.length === 0) return target.mediaUrls;
    try {
      const media = await this.resolve(context, target.platform, target.mediaIds);
      return [...target.mediaUrls, ...media.map((item) => item.url)];
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.status === 404 || error.status === 400)
        throw new PublishError('rejected_content', `A media file of this post is gone: ${error.message}`);
      throw new PublishError('retryable', 'The media files could not be prepared; trying again shortly');
    }
  }
}
