import { describe, expect, it } from '@jest/globals';
import { classifyTikTokError, failedPostError } from './tiktok-errors.js';

describe('classifyTikTokError', () => {
  it.each([
    [401, 'access_token_invalid', 'needs_reconnect'],
    [401, 'scope_not_authorized', 'needs_reconnect'],
    [401, 'scope_permission_missed', 'needs_reconnect'],
    [429, 'rate_limit_exceeded', 'rate_limited'],
    [403, 'spam_risk_too_many_posts', 'rate_limited'],
    [403, 'spam_risk_user_banned_from_posting', 'rejected_content'],
    [403, 'unaudited_client_can_only_post_to_private_accounts', 'rejected_content'],
    [400, 'privacy_level_option_mismatch', 'rejected_content'],
    [403, 'url_ownership_unverified', 'rejected_content'],
    [400, 'invalid_params', 'rejected_content'],
    [500, 'internal_error', 'retryable'],
    [502, undefined, 'retryable'],
    [401, undefined, 'needs_reconnect'],
  ])('HTTP %i with %s is %s', (status, code, errorClass) => {
    const error = classifyTikTokError(
      status,
      code ? { code, message: 'm', log_id: '1' } : undefined,
      'posting',
    );
    expect(error).toMatchObject({ errorClass, responseStatus: status });
  });

  it('sets retryAt a minute ahead for the per-minute limit and a day ahead for the daily one', () => {
    const minute = classifyTikTokError(429, { code: 'rate_limit_exceeded' }, 'posting').retryAt as Date;
    const day = classifyTikTokError(403, { code: 'spam_risk_too_many_posts' }, 'posting').retryAt as Date;
    expect(Math.round((minute.getTime() - Date.now()) / 1000)).toBe(60);
    expect(Math.round((day.getTime() - Date.now()) / 3_600_000)).toBe(24);
  });

  it('tells the user why TikTok failed a post', () => {
    expect(failedPostError('duration_check_failed').message).toMatch(/too long or too short/);
    expect(failedPostError('some_new_reason').message).toMatch(/some new reason/);
  });
});
