import { Inject, Injectable } from '@nestjs/common';
import {
  InvalidError,
  type MediaPresetName,
  NotFoundError,
  type Principal,
  type ResolvedMediaView,
} from '@app/contracts';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { BLOB_STORE, type BlobStore } from '@app/storage';
import type { MediaAssetEntity, MediaVariantEntity } from './media.entity.js';
import { MediaRepository } from './media.repository.js';

/**
 * Media ids -> signed URLs a publisher can fetch: the platform preset of an image when it has one (else its
 * master, else the original), and the MP4 of a video. Only the caller's workspace; only ready assets.
 */
@Injectable()
export class MediaResolverService {
  constructor(
    private readonly repository: MediaRepository,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async resolve(principal: Principal, ids: string[], preset?: MediaPresetName): Promise<ResolvedMediaView[]> {
    const assets = await Promise.all(ids.map((id) => this.repository.findOne(principal.workspaceId, id)));
    const missing = ids.find((_id, index) => assets[index] === null);
    if (missing) throw new NotFoundError(`Media ${missing}`);
    const found = assets as MediaAssetEntity[];
    const notReady = found.find((asset) => asset.status !== 'ready');
    if (notReady)
      throw new InvalidError(
        `Media ${notReady.id} is ${notReady.status === 'failed' ? 'failed' : 'still processing'} and cannot be posted`,
        { fields: [{ field: 'mediaIds', messages: [`media ${notReady.id} is not ready`] }] },
      );
    const variants = await this.repository.variantsOf(ids);
    const videoIds = found.filter((asset) => asset.kind === 'video').map((asset) => asset.id);
    const durations = await this.repository.videoDurations(principal.workspaceId, videoIds);
    const ttlSec = this.config.media.urlTtlSec;
    const expiresAt = new Date(Date.now() + ttlSec * 1000).toISOString();
    return Promise.all(
      found.map(async (asset) => {
        const file = fileOf(
          asset,
          variants.filter((variant) => variant.mediaId === asset.id),
          preset,
        );
        const duration = durations.get(asset.id);
        return {
          id: asset.id,
          url: await this.blobs.readUrl(file.key, ttlSec),
          kind: asset.kind,
          mimeType: file.mimeType,
          width: file.width,
          height: file.height,
          ...(duration === undefined ? {} : { durationSec: duration }),
          expiresAt,
        };
      }),
    );
  }
}

interface MediaFile {
  key: string;
  mimeType: string;
  width: number | null;
  height: number | null;
}

function fileOf(
  asset: MediaAssetEntity,
  variants: MediaVariantEntity[],
  preset?: MediaPresetName,
): MediaFile {
  const chosen =
    (preset && variants.find((variant) => variant.name === preset)) ??
    variants.find((variant) => variant.name === 'master');
  if (asset.kind === 'video' || !chosen)
    return { key: asset.originalKey, mimeType: asset.mimeType, width: asset.width, height: asset.height };
  return {
    key: chosen.storageKey,
    mimeType: `image/${chosen.format}`,
    width: chosen.width,
    height: chosen.height,
  };
}
