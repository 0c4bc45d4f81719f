import { openAsBlob } from 'node:fs';
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

/**
 * Pinterest's video flow: register (POST /v5/media), upload to the returned URL as multipart with every
 * upload parameter and then the file, and poll GET /v5/media/{id} until it succeeded. Bounded by one call
 * timeout overall. Returns the media id for a `video_id` pin. The file is streamed, never read whole.
 */
export async function uploadPinterestVideo(
  api: PinterestApi,
  accessToken: string,
  video: SpooledVideo,
  pollIntervalMs: number,
): Promise<string> {
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
  for (;;) {
    const media = await api.request<MediaStatus>(`/media/${encodeURIComponent(registered.media_id)}`, {
      accessToken,
      doing: 'checking the video upload',
    });
    if (media.status === 'succeeded') return registered.media_id;
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
  const form = new FormData();
  // An S3 POST policy: the signed fields first, the file last.
  for (const [name, value] of Object.entries(parameters)) form.append(name, value);
  // A Blob backed by the file: the form streams it from disk as it is sent.
  form.append('file', await openAsBlob(video.path, { type: video.mimeType }), 'video');
  const response = await fetch(url, {
    method: 'POST',
    body: form,
    signal: AbortSignal.timeout(timeoutMs),
  }).catch(() => {
    throw new PublishError('retryable', 'The video upload to Pinterest failed; Shopcast will retry');
  });
  if (response.status >= 500 || response.status === 429)
    throw new PublishError(
      'retryable',
      `Pinterest's upload storage answered ${response.status}; Shopcast will retry`,
    );
  if (!response.ok)
    throw new PublishError(
      'rejected_content',
      `Pinterest's upload storage refused the video (HTTP ${response.status})`,
      response.status,
    );
}
