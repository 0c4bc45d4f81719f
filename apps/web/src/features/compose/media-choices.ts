import type { MediaAsset, Video } from './api';

/** A photo or rendered video a target can carry. */
export interface MediaChoice {
  id: string;
  label: string;
  kind: 'image' | 'video';
  thumbnailUrl: string;
  /** The URL of the size the platform gets (its preset variant), for the preview. */
  previewUrl: (platform: string) => string;
}

/** The preset variant each platform is sent (see the media presets). */
const VARIANT_OF: Record<string, string> = {
  pinterest: 'pin',
  instagram: 'portrait',
  tiktok: 'story',
  x: 'landscape',
  facebook: 'landscape',
};

/** The product's ready photos, then its rendered videos (one choice per output). */
export function mediaChoices(assets: readonly MediaAsset[], videos: readonly Video[]): MediaChoice[] {
  const photos = assets
    .filter((asset) => asset.kind === 'image' && asset.status === 'ready')
    .map((asset, index): MediaChoice => {
      const variant = (name: string) => asset.variants.find((candidate) => candidate.name === name)?.url;
      return {
        id: asset.id,
        label: `Photo ${index + 1}`,
        kind: 'image',
        thumbnailUrl: variant('thumbnail') ?? asset.originalUrl,
        previewUrl: (platform) =>
          variant(VARIANT_OF[platform] ?? 'square') ?? variant('master') ?? asset.originalUrl,
      };
    });
  const clips = videos
    .filter((video) => video.status === 'ready')
    .flatMap((video) =>
      video.outputs.map((output): MediaChoice => ({
        id: output.mediaId,
        label: `Video (${video.template}, ${output.width}×${output.height})`,
        kind: 'video',
        thumbnailUrl: photos[0]?.thumbnailUrl ?? '',
        previewUrl: () => output.url,
      })),
    );
  return [...photos, ...clips];
}
