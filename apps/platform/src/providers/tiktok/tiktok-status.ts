import { PublishError } from '../provider.js';
import type { TikTokApi } from './tiktok-api.js';
import { failedPostError } from './tiktok-errors.js';

export interface PublishStatus {
  status: string;
  failReason?: string;
  /** TikTok's post id, once the video passed moderation; read from the raw body to keep all 19 digits. */
  postId: string | null;
}

const FINISHED = new Set(['PUBLISH_COMPLETE', 'SEND_TO_USER_INBOX']);

/**
 * Polls /v2/post/publish/status/fetch/ until TikTok finishes or fails the post, or the deadline passes.
 * The video is already TikTok's at this point, so running out of time is `unknown_outcome`, never a retry.
 */
export async function waitForPublish(
  api: TikTokApi,
  input: { accessToken: string; publishId: string; intervalMs: number; deadline: number },
): Promise<PublishStatus> {
  let lastStatus = 'unknown';
  for (;;) {
    const status = await fetchStatus(api, input).catch((error: unknown) => {
      // A refused or lost poll says nothing about the post itself: keep polling until the deadline.
      if (error instanceof PublishError && ['retryable', 'rate_limited'].includes(error.errorClass))
        return null;
      // Whatever stops the checks (a revoked token, say), TikTok already has the video.
      const reason = error instanceof Error ? error.message : String(error);
      throw new PublishError(
        'unknown_outcome',
        `TikTok has the video but Shopcast could not check on it (${reason}); it may still appear. Check the account before retrying`,
      );
    });
    if (status) {
      lastStatus = status.status;
      if (FINISHED.has(status.status)) return status;
      if (status.status === 'FAILED') throw failedPostError(status.failReason);
    }
    if (Date.now() + input.intervalMs > input.deadline)
      throw new PublishError(
        'unknown_outcome',
        `TikTok was still processing the video (${lastStatus}) when Shopcast stopped waiting; it may still appear. Check the account before retrying`,
      );
    await new Promise((resolve) => setTimeout(resolve, input.intervalMs));
  }
}

async function fetchStatus(
  api: TikTokApi,
  input: { accessToken: string; publishId: string },
): Promise<PublishStatus> {
  const { data, raw } = await api.postWithRaw<{ status?: string; fail_reason?: string }>(
    '/v2/post/publish/status/fetch/',
    { accessToken: input.accessToken, json: { publish_id: input.publishId }, doing: 'checking the post' },
  );
  const postId = /"publicaly_available_post_id"\s*:\s*\[\s*"?(\d+)/.exec(raw)?.[1] ?? null;
  return { status: data.status ?? 'unknown', failReason: data.fail_reason, postId };
}
