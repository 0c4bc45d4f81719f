import { DomainError } from '@app/contracts';
import { safeFetch } from '@app/security';
import { PublishError } from './provider.js';

export interface DownloadedMedia {
  bytes: Buffer;
  mimeType: string;
}

const SIGNATURES: Array<[string, number[]]> = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/gif', [0x47, 0x49, 0x46, 0x38]],
];

/** Fetches a post's image (SSRF-safe) and names its type from its bytes; failures are the user's to fix. */
export async function downloadImage(
  url: string,
  options: { allowPrivate: boolean; maxBytes: number; timeoutMs: number },
): Promise<DownloadedMedia> {
  const host = new URL(url).host;
  const response = await safeFetch(url, {
    allowPrivate: options.allowPrivate,
    maxBytes: options.maxBytes,
    timeoutMs: options.timeoutMs,
  }).catch((error: unknown) => {
    const reason = error instanceof DomainError ? error.message : 'it could not be reached';
    throw new PublishError('retryable', `Could not download the image from ${host}: ${reason}`);
  });
  if (response.status >= 500)
    throw new PublishError('retryable', `The image server ${host} answered ${response.status}`);
  if (response.status !== 200)
    throw new PublishError(
      'rejected_content',
      `The image at ${host} could not be downloaded (HTTP ${response.status})`,
    );
  const mimeType = SIGNATURES.find(([, magic]) => magic.every((byte, i) => response.body[i] === byte))?.[0];
  if (!mimeType)
    throw new PublishError('rejected_content', `The file at ${host} is not a PNG, JPEG or GIF image`);
  return { bytes: response.body, mimeType };
}
