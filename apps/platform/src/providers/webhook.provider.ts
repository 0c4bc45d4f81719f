import { DomainError } from '@app/contracts';
import { safeFetch, standardWebhookHeaders } from '@app/security';
import {
  NO_LIMITS,
  type Provider,
  type PublishCredentials,
  PublishError,
  type PublishRequest,
  type PublishResult,
} from './provider.js';

/** POSTs the post as JSON to the user's URL (Zapier, Make, n8n), signed per Standard Webhooks, SSRF-safe. */
export class WebhookProvider implements Provider {
  readonly platform = 'webhook' as const;
  readonly publishesAutomatically = true;
  readonly defaultLimits = NO_LIMITS;

  constructor(private readonly options: { allowPrivateUrls: boolean; callTimeoutMs: number }) {}

  describe() {
    return {
      platform: this.platform,
      name: 'Webhook (Zapier, Make, n8n)',
      connectWith: 'direct' as const,
      isConfigured: true,
      capabilities: { text: true, images: true, maxImages: 10, video: false },
      limits: { maxTextLength: null, textCounting: null },
    };
  }

  check(): string[] {
    return [];
  }

  async publish(credentials: PublishCredentials, request: PublishRequest): Promise<PublishResult> {
    if (!credentials.webhookUrl || !credentials.signingSecret)
      throw new PublishError(
        'needs_reconnect',
        'The webhook connection has no URL or secret; create it again',
      );
    const timestamp = new Date();
    const payload = JSON.stringify({
      type: 'post.publish',
      timestamp: timestamp.toISOString(),
      data: {
        postId: request.postId,
        targetId: request.targetId,
        text: request.text,
        title: request.title,
        mediaUrls: request.mediaUrls,
      },
    });
    // The target id is the message id, so a receiver that dedupes by webhook-id never acts twice.
    const signed = standardWebhookHeaders(credentials.signingSecret, request.targetId, timestamp, payload);
    const host = new URL(credentials.webhookUrl).host;
    const response = await safeFetch(credentials.webhookUrl, {
      allowPrivate: this.options.allowPrivateUrls,
      method: 'POST',
      body: payload,
      timeoutMs: this.options.callTimeoutMs,
      maxBytes: 64 * 1024,
      maxRedirects: 0,
      headers: {
        'content-type': 'application/json',
        ...signed,
      },
    }).catch((error: unknown) => {
      if (error instanceof DomainError && error.status === 400)
        throw new PublishError('rejected_content', `The webhook URL is not allowed: ${error.message}`);
      throw new PublishError(
        'unknown_outcome',
        `The webhook at ${host} did not answer; it may have received the post. Check before retrying`,
      );
    });
    return this.outcome(response.status, response.headers['retry-after'], response.body, host);
  }

  private outcome(
    status: number,
    retryAfter: string | string[] | undefined,
    body: Buffer,
    host: string,
  ): PublishResult {
    if (status >= 200 && status < 300) {
      const reply = parseReply(body);
      return { externalId: reply.id, url: reply.url, responseStatus: status };
    }
    if (status === 429) {
      const seconds = Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
      const retryAt = Number.isFinite(seconds) && seconds > 0 ? new Date(Date.now() + seconds * 1000) : null;
      throw new PublishError(
        'rate_limited',
        `The webhook at ${host} asked to slow down; Shopcast will retry`,
        status,
        retryAt,
      );
    }
    if (status >= 500 || status === 408)
      throw new PublishError(
        'retryable',
        `The webhook at ${host} answered ${status}; Shopcast will retry`,
        status,
      );
    throw new PublishError(
      'rejected_content',
      `The webhook at ${host} refused the post (HTTP ${status})`,
      status,
    );
  }
}

/** A receiver may answer `{id, url}` to say where the post went. */
function parseReply(body: Buffer): { id: string | null; url: string | null } {
  try {
    const value = JSON.parse(body.toString('utf8')) as { id?: unknown; url?: unknown };
    return {
      id: typeof value.id === 'string' ? value.id.slice(0, 200) : null,
      url: typeof value.url === 'string' && /^https?:\/\//.test(value.url) ? value.url.slice(0, 2048) : null,
    };
  } catch {
    return { id: null, url: null };
  }
}
