import { type PinterestErrorBody, pinterestError } from './pinterest-errors.js';
import { PublishError } from './provider.js';

export interface PinterestCall {
  method?: 'GET' | 'POST';
  accessToken: string;
  json?: unknown;
  /** What the call does, for error messages ("publishing the pin"). */
  doing: string;
  /**
   * True for the call that creates the pin: once it was sent, a lost answer means Pinterest may have
   * published, so it is `unknown_outcome`, never retried blindly.
   */
  outcomeUncertainOnFailure?: boolean;
}

/** Authenticated JSON calls to Pinterest API v5 with a deadline and Pinterest's error classification. */
export class PinterestApi {
  constructor(
    private readonly apiBaseUrl: string,
    readonly callTimeoutMs: number,
  ) {}

  /** The parsed JSON of a 2xx answer; a PublishError otherwise. */
  async request<T>(path: string, call: PinterestCall): Promise<T> {
    const response = await this.send(path, call);
    const body = (await response.json().catch(() => ({}))) as T & PinterestErrorBody;
    if (!response.ok) throw pinterestError(response, body, call.doing);
    return body;
  }

  private async send(path: string, call: PinterestCall): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${call.accessToken}` };
    if (call.json !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(`${this.apiBaseUrl}/v5${path}`, {
        method: call.method ?? (call.json === undefined ? 'GET' : 'POST'),
        headers,
        body: call.json === undefined ? undefined : JSON.stringify(call.json),
        signal: AbortSignal.timeout(this.callTimeoutMs),
      });
    } catch {
      if (call.outcomeUncertainOnFailure)
        throw new PublishError(
          'unknown_outcome',
          'Pinterest did not answer in time; the pin may or may not be live. Check the board before retrying',
        );
      throw new PublishError(
        'retryable',
        `Pinterest could not be reached while ${call.doing}; Shopcast will retry`,
      );
    }
  }
}
