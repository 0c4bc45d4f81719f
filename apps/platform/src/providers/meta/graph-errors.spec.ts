import { describe, expect, it } from '@jest/globals';
import { GraphClient } from './graph-client.js';
import { classifyGraphError, regainAccessAt } from './graph-errors.js';

const classify = (code: number, extra: Record<string, unknown> = {}, headers = new Headers(), status = 400) =>
  classifyGraphError(
    status,
    { error: { message: `(#${code}) message`, code, ...extra } },
    headers,
    'Facebook',
    'publishing',
  );

describe('Graph error classification', () => {
  it('maps each documented code to what the user should do', () => {
    expect(classify(1).errorClass).toBe('retryable');
    expect(classify(2).errorClass).toBe('retryable');
    expect(classify(999, { is_transient: true }).errorClass).toBe('retryable');
    for (const code of [4, 17, 32, 613]) expect(classify(code).errorClass).toBe('rate_limited');
    expect(classify(9, { error_subcode: 2207042 }).errorClass).toBe('rate_limited');
    for (const code of [190, 10, 200, 299]) expect(classify(code).errorClass).toBe('needs_reconnect');
    expect(classify(506)).toMatchObject({
      errorClass: 'rejected_content',
      message: 'Facebook rejected the post as a duplicate',
    });
    expect(classify(368).message).toMatch(/blocked the post under its policies/);
    expect(classify(100, { error_user_msg: 'The link is broken' })).toMatchObject({
      errorClass: 'rejected_content',
      message: expect.stringMatching(/The link is broken$/),
    });
    expect(classify(9007, { error_subcode: 2207027 }).errorClass).toBe('retryable');
  });

  it('takes the reset from X-Business-Use-Case-Usage minutes', () => {
    const headers = new Headers({
      'x-business-use-case-usage': JSON.stringify({
        '1234': [
          { type: 'pages', call_count: 100, estimated_time_to_regain_access: 3 },
          { type: 'instagram', call_count: 40, estimated_time_to_regain_access: 12 },
        ],
      }),
    });
    expect(regainAccessAt(headers, 0)?.getTime()).toBe(12 * 60_000);
    expect(classify(4).retryAt).toBeNull();
    expect(classify(80002, {}, headers).errorClass).toBe('rate_limited');
    expect(classify(32, {}, headers).retryAt?.getTime()).toBeGreaterThan(Date.now() + 11 * 60_000);
    expect(regainAccessAt(new Headers({ 'x-business-use-case-usage': 'not json' }))).toBeNull();
  });

  it('sends videos to the graph-video host derived from the base URL', () => {
    const client = (apiBaseUrl: string) =>
      new GraphClient({ apiBaseUrl, callTimeoutMs: 1000, label: 'Facebook' });
    expect(client('https://graph.facebook.com').baseUrl('video')).toBe(
      'https://graph-video.facebook.com/v21.0',
    );
    expect(client('http://127.0.0.1:9000').baseUrl('video')).toBe('http://127.0.0.1:9000/v21.0');
  });
});
