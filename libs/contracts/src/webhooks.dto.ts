import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsUrl,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { HTTP_URL } from './validation.js';
import { EventSubjects } from './subjects.js';

/** Request subjects of outbound webhooks. */
export const WebhookSubjects = {
  create: 'platform.webhook.create',
  list: 'platform.webhook.list',
  delete: 'platform.webhook.delete',
  deliveries: 'platform.webhook.deliveries',
} as const;

/** The events a workspace can subscribe a URL to. */
export const WEBHOOK_EVENTS = [
  EventSubjects.postScheduled,
  EventSubjects.postPublished,
  EventSubjects.postFailed,
  EventSubjects.postUnconfirmed,
  EventSubjects.connectionCreated,
  EventSubjects.connectionExpired,
  EventSubjects.metricsCollected,
  EventSubjects.videoRendered,
  EventSubjects.mediaProcessed,
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export class CreateWebhookDto {
  /** Where events are POSTed, signed per Standard Webhooks; private and loopback addresses are refused. */
  @IsUrl(HTTP_URL, { message: 'url must be an http or https URL' })
  @MaxLength(2048)
  url!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true, message: `each event must be one of ${WEBHOOK_EVENTS.join(', ')}` })
  events!: WebhookEvent[];
}

export class WebhookParams {
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

export class WebhookView {
  id!: string;
  url!: string;
  events!: WebhookEvent[];
  createdAt!: string;
}

/** The answer to a creation: the only time the signing secret is shown. */
export class CreatedWebhookView extends WebhookView {
  signingSecret!: string;
}

export type WebhookDeliveryStatus = 'delivered' | 'retrying' | 'failed';

/** One attempt to deliver one event to one webhook. */
export class WebhookDeliveryView {
  id!: string;
  eventId!: string;
  event!: string;
  attempt!: number;
  status!: WebhookDeliveryStatus;
  responseStatus!: number | null;
  durationMs!: number;
  error!: string | null;
  /** When the next attempt runs; null once delivered or given up. */
  nextRetryAt!: string | null;
  attemptedAt!: string;
}
