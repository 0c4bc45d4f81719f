import { DomainError } from '@app/contracts';
import { safeFetchStream } from '@app/security';
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

export interface MediaDownloadOptions {
  allowPrivate: boolean;
  maxBytes: number;
  timeoutMs: number;
  accept?: MediaKind[];
}

/** A download whose type its first bytes named; the body is read as it arrives. */
export interface OpenedMedia extends Pick<DownloadedMedia, 'mimeType' | 'kind'> {
  host: string;
  /** Every byte of the file, the sniffed first ones included; fails with a PublishError. */
  chunks: AsyncIterable<Buffer>;
  /** Stops the download and closes its connection (for a file not read to the end). */
  close(): void;
}

/** Enough bytes for every signature sniffMedia knows. */
export const HEAD_BYTES = 64;

/**
 * Opens a post's image or video (SSRF-safe, `maxBytes` checked against the declared length before the body
 * and counted while it streams) and names its type from its first bytes. Failures are the user's to fix,
 * except a server that is down or slow, which is retried.
 */
export async function openMedia(url: string, options: MediaDownloadOptions): Promise<OpenedMedia> {
  const host = new URL(url).host;
  const response = await safeFetchStream(url, {
    allowPrivate: options.allowPrivate,
    maxBytes: options.maxBytes,
    timeoutMs: options.timeoutMs,
  }).catch((error: unknown) => {
    throw downloadError(host, error);
  });
  const body = response.body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    if (response.status >= 500)
      throw new PublishError('retryable', `The media server ${host} answered ${response.status}`);
    if (response.status !== 200)
      throw new PublishError(
        'rejected_content',
        `The media at ${host} could not be downloaded (HTTP ${response.status})`,
      );
    const head = await readHead(body, host);
    const accept = options.accept ?? ['image', 'video'];
    const type = sniffMedia(head);
    if (!type || !accept.includes(type.kind))
      throw new PublishError('rejected_content', `The file at ${host} is not ${describe(accept)}`);
    return { ...type, host, chunks: replay(head, body, host), close: () => response.body.destroy() };
  } catch (error) {
    response.body.destroy();
    throw error;
  }
}

/** Downloads a media into memory: for images, which are small and capped by `maxBytes`. */
export async function downloadMedia(url: string, options: MediaDownloadOptions): Promise<DownloadedMedia> {
  const media = await openMedia(url, options);
  const chunks: Buffer[] = [];
  for await (const chunk of media.chunks) chunks.push(chunk);
  return { bytes: Buffer.concat(chunks), mimeType: media.mimeType, kind: media.kind };
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

async function readHead(body: AsyncIterator<Buffer>, host: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  while (length < HEAD_BYTES) {
    const next = await body.next().catch((error: unknown) => {
      throw downloadError(host, error);
    });
    if (next.done) break;
    chunks.push(next.value);
    length += next.value.length;
  }
  return Buffer.concat(chunks);
}

async function* replay(head: Buffer, body: AsyncIterator<Buffer>, host: string): AsyncGenerator<Buffer> {
  yield head;
  for (;;) {
    const next = await body.next().catch((error: unknown) => {
      throw downloadError(host, error);
    });
    if (next.done) return;
    yield next.value;
  }
}

/** A file over the size limit is the user's to replace; anything else (down, slow, reset) is retried. */
function downloadError(host: string, error: unknown): PublishError {
  if (error instanceof DomainError && error.status === 413)
    return new PublishError('rejected_content', `The media at ${host} is too large: ${error.message}`);
  const reason = error instanceof DomainError ? error.message : 'it could not be reached';
  return new PublishError('retryable', `Could not download the media from ${host}: ${reason}`);
}
