import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new Standard Webhooks signing secret: `whsec_` and 24 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * The Standard Webhooks headers of one message (webhook-id, webhook-timestamp, webhook-signature), signed over
 * exactly `payload`; a receiver dedupes by the id, so a retry of the same message reuses it.
 */
export function standardWebhookHeaders(
  secret: string,
  messageId: string,
  timestamp: Date,
  payload: string,
): Record<string, string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(messageId, timestamp, payload),
  };
}
