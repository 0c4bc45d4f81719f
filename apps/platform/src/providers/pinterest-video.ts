import { randomBytes } from 'node:crypto';
import { sendFileRange } from './file-range-upload.js';
import type { PinterestApi } from './pinterest-api.js';
import { PublishError } from './provider.js';
import type { SpooledVideo } from './video-spool.js';

interface MediaUpload {
  media_id: string;
  upload_url?: string;
  upload_parameters?: Record<string, string>;
}

interface MediaStatus {
  media_id: string;
  status?: 'registered' | 'processing' | 'succeeded' | 'failed';
}

/** A video Pinterest has received and is processing; `deadline` bounds the whole flow to one call timeout. */
export interface UploadedPinterestVideo {
  mediaId: string;
  deadline: number;
}

/**
 * Pinterest's video flow, first half: register (POST /v5/media), then upload to the returned URL as multipart
 * with every upload parameter and then the file, streamed from disk (never read whole).
 */
export async function uploadPinterestVideo(
  api: PinterestApi,
  accessToken: string,
  video: SpooledVideo,
): Promise<UploadedPinterestVideo> {
  const deadline = Date.now() + api.callTimeoutMs;
  const registered = await api.request<MediaUpload>('/media', {
    accessToken,
    json: { media_type: 'video' },
    doing: 'registering the video upload',
  });
  if (!registered.upload_url || !registered.upload_parameters)
    throw new PublishError(
      'retryable',
      'Pinterest did not say where to upload the video; Shopcast will retry',
    );
  await sendToUploadUrl(registered.upload_url, registered.upload_parameters, video, api.callTimeoutMs);
  return { mediaId: registered.media_id, deadline };
}

/**
 * Second half, without the file: polls GET /v5/media/{id} until Pinterest processed the video. Returns the
 * media id for a `video_id` pin.
 */
export async function waitForPinterestVideo(
  api: PinterestApi,
  accessToken: string,
  { mediaId, deadline }: UploadedPinterestVideo,
  pollIntervalMs: number,
): Promise<string> {
  for (;;) {
    const media = await api.request<MediaStatus>(`/media/${encodeURIComponent(mediaId)}`, {
      accessToken,
      doing: 'checking the video upload',
    });
    if (media.status === 'succeeded') return mediaId;
    if (media.status === 'failed')
      throw new PublishError(
        'rejected_content',
        'Pinterest could not process the video. It needs H.264 or H.265, 4 seconds to 15 minutes, ' +
          'with an aspect ratio between 1.91:1 and 1:2',
      );
    if (Date.now() + pollIntervalMs > deadline)
      throw new PublishError(
        'retryable',
        'Pinterest is still processing the video; Shopcast will try again later',
      );
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  }
}

async function sendToUploadUrl(
  url: string,
  parameters: Record<string, string>,
  video: SpooledVideo,
  timeoutMs: number,
): Promise<void> {
  // An S3 POST policy: the signed fields first, the file last. The form is written by hand around the file
  // because fetch's FormData reads a file-backed Blob into memory before sending it.
  const boundary = `----ShopcastForm${randomBytes(16).toString('hex')}`;
  const fields = Object.entries(parameters).map(
    ([name, value]) => `--${boundary}\r\n${disposition(name)}\r\n\r\n${value}\r\n`,
  );
  const fileHeader = `--${boundary}\r\n${disposition('file')}; filename="video"\r\nContent-Type: ${video.mimeType}\r\n\r\n`;
  const answer = await sendFileRange(
    url,
    { path: video.path, start: 0, end: video.size - 1 },
    {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      timeoutMs,
      before: Buffer.from(fields.join('') + fileHeader),
      after: Buffer.from(`\r\n--${boundary}--\r\n`),
    },
  ).catch(() => {
    throw new PublishError('retryable', 'The video upload to Pinterest failed; Shopcast will retry');
  });
  if (answer.status >= 500 || answer.status === 429)
    throw new PublishError(
      'retryable',
      `Pinterest's upload storage answered ${answer.status}; Shopcast will retry`,
    );
  if (answer.status < 200 || answer.status >= 300)
    throw new PublishError(
      'rejected_content',
      `Pinterest's upload storage refused the video (HTTP ${answer.status})`,
      answer.status,
    );
}

/** A part's Content-Disposition, its name escaped as the HTML form encoding does (quotes and line breaks). */
function disposition(name: string): string {
  const escaped = name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  return `Content-Disposition: form-data; name="${escaped}"`;
}
