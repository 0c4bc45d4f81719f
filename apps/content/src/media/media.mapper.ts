import type { MediaAssetView, MediaVariantView } from '@app/contracts';
import type { MediaAssetEntity, MediaVariantEntity } from './media.entity.js';

/** Turns a storage key into a signed, expiring URL. */
export type UrlSigner = (key: string) => Promise<string>;

/** The contract view of an asset with its variants; the only shape of media that leaves the service. */
export async function toMediaView(
  asset: MediaAssetEntity,
  variants: MediaVariantEntity[],
  urlOf: UrlSigner,
): Promise<MediaAssetView> {
  return {
    id: asset.id,
    productId: asset.productId,
    kind: asset.kind,
    status: asset.status,
    failureReason: asset.failureReason,
    mimeType: asset.mimeType,
    bytes: asset.bytes,
    width: asset.width,
    height: asset.height,
    position: asset.position,
    isPrimary: asset.position === 0,
    originalUrl: await urlOf(asset.originalKey),
    variants: await Promise.all(variants.map((variant) => toVariantView(variant, urlOf))),
    createdAt: asset.createdAt.toISOString(),
    updatedAt: asset.updatedAt.toISOString(),
  };
}

async function toVariantView(variant: MediaVariantEntity, urlOf: UrlSigner): Promise<MediaVariantView> {
  return {
    name: variant.name,
    width: variant.width,
    height: variant.height,
    bytes: variant.bytes,
    format: variant.format,
    url: await urlOf(variant.storageKey),
  };
}
