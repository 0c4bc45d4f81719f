import { DomainError } from '@app/contracts';
import { safeFetch } from '@app/security';
import { type DownloadedMedia, sniffMedia } from '../media-download.js';
import { PublishError } from '../provider.js';

/** Enough bytes for every signature sniffMedia knows. */
const HEAD_BYTES = 64;

export type ProbedMedia = Pick<DownloadedMedia, 'kind' | 'mimeType'> & { url: string };

/**
 * Names the type of a media URL that the platform will fetch itself (Meta cURLs public URLs): asks for
 * the first bytes only (Range), and accepts a server that ignores Range up to `maxBytes`.
 */
export async function probeMedia(
  url: string,
  options: { allowPrivate: boolean; maxBytes: number; timeoutMs: number },
): Promise<ProbedMedia> {
  const host = new URL(url).host;
  const response = await safeFetch(url, {
    allowPrivate: options.allowPrivate,
    maxBytes: options.maxBytes,
    timeoutMs: options.timeoutMs,
    headers: { range: `bytes=0-${HEAD_BYTES - 1}` },
  }).catch((error: unknown) => {
    const reason = error instanceof DomainError ? error.message : 'it could not be reached';
    throw new PublishError('retryable', `Could not read the media at ${host}: ${reason}`);
  });
  if (response.status >= 500)
    throw new PublishError('retryable', `The media server ${host} answered ${response.status}`);
  if (response.status !== 200 && response.status !== 206)
    throw new PublishError(
      'rejected_content',
      `The media at ${host} could not be downloaded (HTTP ${response.status})`,
    );
  const type = sniffMedia(response.body);
  if (!type)
    throw new PublishError(
      'rejected_content',
      `The file at ${host} is not a supported image (JPEG, PNG, GIF, WebP) or video (MP4, QuickTime)`,
    );
  return { url, ...type };
}
