import { Injectable } from '@nestjs/common';
import { type ConnectablePlatform, DomainError, MediaSubjects } from '@app/contracts';
import { type RequestContext, RpcClient } from '@app/messaging';

/** TikTok takes videos only (no photo posts yet): a product's image is never attached there. */
const VIDEO_ONLY: ReadonlySet<ConnectablePlatform> = new Set(['tiktok']);

/**
 * The image a post drafted for a product carries unless someone chose otherwise (a campaign's bank, an
 * autopilot rule): the product's primary image, once processed, through the content service that owns media.
 * Each platform gets it in its own preset when the target's media ids are resolved.
 */
@Injectable()
export class ProductImagesReader {
  constructor(private readonly rpc: RpcClient) {}

  /** The id of the product's first ready image; null without one, or once the product is gone. */
  async primaryImageId(context: RequestContext, productId: string): Promise<string | null> {
    try {
      const media = await this.rpc.send(MediaSubjects.listForProduct, { productId }, context);
      const ready = media
        .filter((item) => item.kind === 'image' && item.status === 'ready')
        .sort((a, b) => a.position - b.position);
      return ready[0]?.id ?? null;
    } catch (error) {
      if (error instanceof DomainError && error.status === 404) return null;
      throw error;
    }
  }
}

/** The media ids a target on `platform` carries for a product whose primary image is `imageId`. */
export function defaultMediaIds(platform: ConnectablePlatform, imageId: string | null): string[] {
  return imageId && !VIDEO_ONLY.has(platform) ? [imageId] : [];
}
