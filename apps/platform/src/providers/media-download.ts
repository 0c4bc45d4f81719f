import { DomainError } from '@app/contracts';
import { safeFetch } from '@app/security';
import { PublishError } from './provider.js';

export type MediaKind = 'image' | 'video';

export interface DownloadedMedia {
  bytes: Buffer;
  mimeType: string;
  kind: MediaKind;
}

interface Signature {
  mimeType: string;
  kind: MediaKind;
  offset: number;
  magic: number[];
}

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** Magic numbers of the formats platforms accept; an ISO-BMFF `ftyp` box of brand `qt  ` is QuickTime. */
const SIGNATURES: Signature[] = [
  { mimeType: 'image/png', kind: 'image', offset: 0, magic: [0x89, 0x50, 0x4e, 0x47] },
  { mimeType: 'image/jpeg', kind: 'image', offset: 0, magic: [0xff, 0xd8, 0xff] },
  { mimeType: 'image/gif', kind: 'image', offset: 0, magic: ascii('GIF8') },
  { mimeType: 'image/webp', kind: 'image', offset: 8, magic: ascii('WEBP') },
  { mimeType: 'video/quicktime', kind: 'video', offset: 4, magic: ascii('ftypqt  ') },
  { mimeType: 'video/mp4', kind: 'video', offset: 4, magic: ascii('ftyp') },
  { mimeType: 'video/webm', kind: 'video', offset: 0, magic: [0x1a, 0x45, 0xdf, 0xa3] },
];

/** Names a file's type from its first bytes; null when it is none of the accepted formats. */
export function sniffMedia(bytes: Buffer): Pick<DownloadedMedia, 'mimeType' | 'kind'> | null {
  const match = SIGNATURES.find(({ offset, magic }) => magic.every((byte, i) => bytes[offset + i] === byte));
  return match ? { mimeType: match.mimeType, kind: match.kind } : null;
}

/**
 * Fetches a post's image or video (SSRF-safe) and names its type from its bytes; failures are the user's
 * to fix, except a server that is down, which is retried.
 */
export async function downloadMedia(
  url: string,
  options: { allowPrivate: boolean; maxBytes: number; timeoutMs: number; accept?: MediaKind[] },
): Promise<DownloadedMedia> {
  const host = new URL(url).host;
  const response = await safeFetch(url, {
    allowPrivate: options.allowPrivate,
    maxBytes: options.maxBytes,
    timeoutMs: options.timeoutMs,
  }).catch((error: unknown) => {
    const reason = error instanceof DomainError ? error.message : 'it could not be reached';
    throw new PublishError('retryable', `Could not download the media from ${host}: ${reason}`);
  });
  if (response.status >= 500)
    throw new PublishError('retryable', `The media server ${host} answered ${response.status}`);
  if (response.status !== 200)
    throw new PublishError(
      'rejected_content',
      `The media at ${host} could not be downloaded (HTTP ${response.status})`,
    );
  const accept = options.accept ?? ['image', 'video'];
  const type = sniffMedia(response.body);
  if (!type || !accept.includes(type.kind))
    throw new PublishError('rejected_content', `The file at ${host} is not ${describe(accept)}`);
  return { bytes: response.body, ...type };
}

/** Images only (PNG, JPEG, GIF, WebP). */
export function downloadImage(
  url: string,
  options: { allowPrivate: boolean; maxBytes: number; timeoutMs: number },
): Promise<DownloadedMedia> {
  return downloadMedia(url, { ...options, accept: ['image'] });
}

function describe(accept: MediaKind[]): string {
  const names = { image: 'a PNG, JPEG, GIF or WebP image', video: 'an MP4, QuickTime or WebM video' };
  return accept.map((kind) => names[kind]).join(' or ');
}
