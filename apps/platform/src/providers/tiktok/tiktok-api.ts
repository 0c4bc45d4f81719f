import { sendFileRange } from '../file-range-upload.js';
import { PublishError } from '../provider.js';
import { classifyTikTokError, type TikTokEnvelopeError } from './tiktok-errors.js';

/** What to do when a call gets no answer: a lost answer to a call that may have posted is `unknown_outcome`. */
export type LostAnswer = 'retryable' | 'unknown_outcome';

interface Envelope<T> {
  data?: T;
  error?: TikTokEnvelopeError;
}

/** Calls open.tiktokapis.com and unwraps its `{data, error}` envelope; a non-`ok` code throws a PublishError. */
export class TikTokApi {
  constructor(
    private readonly baseUrl: string,
    private readonly callTimeoutMs: number,
  ) {}

  async post<T>(
    path: string,
    input: { accessToken: string; json?: unknown; doing: string; lostAnswer?: LostAnswer },
  ): Promise<T> {
    return (await this.postWithRaw<T>(path, input)).data;
  }

  /** As post(), plus the body's text, for ids too long for a JavaScript number. */
  async postWithRaw<T>(
    path: string,
    input: { accessToken: string; json?: unknown; doing: string; lostAnswer?: LostAnswer },
  ): Promise<{ data: T; raw: string }> {
    const headers: Record<string, string> = { authorization: `Bearer ${input.accessToken}` };
    if (input.json !== undefined) headers['content-type'] = 'application/json; charset=UTF-8';
    const response = await this.fetch(
      path,
      {
        method: 'POST',
        headers,
        body: input.json === undefined ? undefined : JSON.stringify(input.json),
      },
      input,
    );
    const raw = await response.text().catch(() => '');
    return { data: unwrap<T>(response.status, raw, input.doing), raw };
  }

  async get<T>(path: string, input: { accessToken: string; doing: string }): Promise<T> {
    const response = await this.fetch(
      path,
      { method: 'GET', headers: { authorization: `Bearer ${input.accessToken}` } },
      input,
    );
    return unwrap<T>(response.status, await response.text().catch(() => ''), input.doing);
  }

  /**
   * PUTs bytes `start`–`end` (inclusive) of the video file at `path` as one chunk of a FILE_UPLOAD, streamed
   * from the file; TikTok answers 206 for each chunk and 201 after the last.
   */
  async putChunk(
    uploadUrl: string,
    chunk: { path: string; start: number; end: number; total: number; mimeType: string },
    lostAnswer: LostAnswer,
  ): Promise<number> {
    const answer = await sendFileRange(uploadUrl, chunk, {
      method: 'PUT',
      headers: {
        'content-type': chunk.mimeType,
        'content-range': `bytes ${chunk.start}-${chunk.end}/${chunk.total}`,
      },
      timeoutMs: this.callTimeoutMs,
    }).catch(() => {
      // After the last chunk TikTok starts publishing: without its answer nobody knows whether it did.
      if (lostAnswer === 'unknown_outcome')
        throw new PublishError(
          'unknown_outcome',
          'TikTok did not confirm the end of the upload; the video may still appear. Check the account before retrying',
        );
      throw new PublishError('retryable', 'TikTok’s upload server could not be reached; Shopcast will retry');
    });
    if (answer.status === 206 || answer.status === 201) return answer.status;
    let body: Envelope<unknown> = {};
    try {
      body = JSON.parse(answer.body) as Envelope<unknown>;
    } catch {
      // Not TikTok's envelope: classified by status alone.
    }
    throw classifyTikTokError(answer.status, body.error, 'uploading the video');
  }

  private async fetch(
    path: string,
    init: RequestInit,
    input: { doing: string; lostAnswer?: LostAnswer },
  ): Promise<Response> {
    try {
      return await fetch(`${this.baseUrl}${path}`, {
        ...init,
        signal: AbortSignal.timeout(this.callTimeoutMs),
      });
    } catch {
      if (input.lostAnswer === 'unknown_outcome')
        throw new PublishError(
          'unknown_outcome',
          `TikTok did not answer in time while ${input.doing}; the video may still appear. Check the account before retrying`,
        );
      throw new PublishError(
        'retryable',
        `TikTok could not be reached while ${input.doing}; Shopcast will retry`,
      );
    }
  }
}

function unwrap<T>(status: number, raw: string, doing: string): T {
  let body: Envelope<T> = {};
  try {
    body = JSON.parse(raw) as Envelope<T>;
  } catch {
    // Not TikTok's envelope (a proxy's error page): classified by status alone.
  }
  if (status >= 200 && status < 300 && body.error?.code === 'ok' && body.data !== undefined) return body.data;
  throw classifyTikTokError(status, body.error, doing);
}
