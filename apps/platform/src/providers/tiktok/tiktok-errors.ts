import { PublishError } from '../provider.js';

/** The `error` object of TikTok's envelope `{data, error: {code, message, log_id}}`. */
export interface TikTokEnvelopeError {
  code?: string;
  message?: string;
  log_id?: string;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** What a user should read for a refusal that is theirs to fix. */
const REJECTION_MESSAGES: Record<string, string> = {
  spam_risk_user_banned_from_posting: 'TikTok has banned this account from posting for now',
  unaudited_client_can_only_post_to_private_accounts:
    'TikTok only lets this Shopcast server post privately until its app passes TikTok’s audit: choose the privacy level SELF_ONLY',
  privacy_level_option_mismatch: 'TikTok refused the chosen privacy level for this account',
  url_ownership_unverified:
    'TikTok can only pull videos from a domain verified in the TikTok developer portal: use FILE_UPLOAD instead',
  reached_active_user_cap: 'TikTok’s daily limit of accounts posting through this app was reached',
  invalid_file_upload: 'TikTok refused the uploaded video file',
};

/** Why TikTok failed a post (status fetch `fail_reason`), in a user's words. */
const FAIL_REASONS: Record<string, string> = {
  file_format_check_failed: 'the video format is not supported (use MP4, MOV or WebM)',
  duration_check_failed: 'the video is too long or too short for this account',
  frame_rate_check_failed: 'the video frame rate is not supported (use 23–60 fps)',
  picture_size_check_failed: 'the video resolution is not supported (at least 360 px on each side)',
  internal: 'TikTok had an internal problem processing the video',
  video_pull_failed: 'TikTok could not download the video from its URL',
  publish_cancelled: 'the post was cancelled on TikTok',
  auth_removed: 'the account removed Shopcast’s access during the upload',
  spam_risk_too_many_posts: 'the account posted too much today',
  spam_risk_user_banned_from_posting: 'the account is banned from posting',
  spam_risk_text: 'TikTok flagged the caption as spam',
  spam_risk: 'TikTok flagged the post as spam',
};

/** A TikTok `error.code` (or a bare HTTP status) as the class a user acts on. */
export function classifyTikTokError(
  status: number,
  error: TikTokEnvelopeError | undefined,
  doing: string,
): PublishError {
  const code = error?.code ?? '';
  const detail = error?.message || `HTTP ${status}`;
  if (code === 'access_token_invalid' || code.startsWith('scope_') || (status === 401 && !code))
    return new PublishError(
      'needs_reconnect',
      'TikTok no longer accepts Shopcast’s access to this account; reconnect it',
      status,
    );
  if (code === 'rate_limit_exceeded' || (status === 429 && !code))
    return new PublishError(
      'rate_limited',
      `TikTok's per-minute rate limit was reached while ${doing}; Shopcast will retry in a minute`,
      status,
      new Date(Date.now() + MINUTE_MS),
    );
  if (code === 'spam_risk_too_many_posts')
    return new PublishError(
      'rate_limited',
      'TikTok’s daily posting limit for this account was reached; Shopcast will retry tomorrow',
      status,
      new Date(Date.now() + DAY_MS),
    );
  const rejection = REJECTION_MESSAGES[code];
  if (rejection) return new PublishError('rejected_content', `${rejection} (${detail})`, status);
  if (code === 'invalid_params')
    return new PublishError(
      'rejected_content',
      `TikTok rejected the request while ${doing}: ${detail}`,
      status,
    );
  if (code === 'internal_error' || status >= 500)
    return new PublishError(
      'retryable',
      `TikTok had a server error (${status}) while ${doing}; Shopcast will retry`,
      status,
    );
  return new PublishError('rejected_content', `TikTok refused the request while ${doing}: ${detail}`, status);
}

/** A FAILED publish as a user-facing rejection. */
export function failedPostError(failReason: string | undefined): PublishError {
  const reason = failReason ? (FAIL_REASONS[failReason] ?? failReason.replace(/_/g, ' ')) : 'no reason given';
  return new PublishError('rejected_content', `TikTok did not publish the video: ${reason}`);
}
