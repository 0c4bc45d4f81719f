import { PublishError } from '../provider.js';
import { classifyGraphError, type GraphErrorBody } from './graph-errors.js';

export const GRAPH_VERSION = 'v21.0';

export type GraphParams = Record<string, string | number | boolean | undefined>;

export interface GraphCallOptions {
  /** What Shopcast was doing, for error messages ("publishing the post"). */
  doing: string;
  /** The call publishes: a lost answer means the post may be live (`unknown_outcome`). */
  publishes?: boolean;
  /** Video uploads go to graph-video.facebook.com. */
  host?: 'graph' | 'video';
}

export interface GraphClientOptions {
  /** `https://graph.facebook.com`, without a version. */
  apiBaseUrl: string;
  callTimeoutMs: number;
  /** "Facebook" or "Instagram", for messages. */
  label: string;
}

/**
 * A small Graph API client: versioned URLs, the access token in the Authorization header (never in a URL
 * that could be logged), form-encoded bodies, and Graph errors classified as PublishErrors.
 */
export class GraphClient {
  constructor(private readonly options: GraphClientOptions) {}

  get<T>(path: string, token: string, params: GraphParams, call: GraphCallOptions): Promise<T> {
    return this.request<T>('GET', path, token, params, call);
  }

  post<T>(path: string, token: string, params: GraphParams, call: GraphCallOptions): Promise<T> {
    return this.request<T>('POST', path, token, params, call);
  }

  delete<T>(path: string, token: string, call: GraphCallOptions): Promise<T> {
    return this.request<T>('DELETE', path, token, {}, call);
  }

  /** The versioned base of a host: graph-video for video uploads, derived from the configured base URL. */
  baseUrl(host: 'graph' | 'video' = 'graph'): string {
    const base = this.options.apiBaseUrl.replace(/\/+$/, '');
    const hostBase = host === 'video' ? base.replace('://graph.', '://graph-video.') : base;
    return `${hostBase}/${GRAPH_VERSION}`;
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    token: string,
    params: GraphParams,
    call: GraphCallOptions,
  ): Promise<T> {
    const fields = new URLSearchParams();
    for (const [key, value] of Object.entries(params))
      if (value !== undefined) fields.set(key, String(value));
    const url = new URL(`${this.baseUrl(call.host)}${path}`);
    if (method !== 'POST') url.search = fields.toString();
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: method === 'POST' ? fields : undefined,
        signal: AbortSignal.timeout(this.options.callTimeoutMs),
      });
    } catch {
      throw this.unreachable(call);
    }
    const body = (await response.json().catch(() => ({}))) as T & GraphErrorBody;
    if (!response.ok || body.error)
      throw classifyGraphError(response.status, body, response.headers, this.options.label, call.doing);
    return body;
  }

  private unreachable(call: GraphCallOptions): PublishError {
    const label = this.options.label;
    if (call.publishes)
      return new PublishError(
        'unknown_outcome',
        `${label} did not answer in time; the post may or may not be live. Check the account before retrying`,
      );
    return new PublishError(
      'retryable',
      `${label} could not be reached while ${call.doing}; Shopcast will retry`,
    );
  }
}
