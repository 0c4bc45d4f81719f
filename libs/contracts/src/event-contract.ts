import type { ConnectionCreatedEvent, ConnectionExpiredEvent } from './connections.dto.js';
import type {
  PostFailedEvent,
  PostPublishedEvent,
  PostScheduledEvent,
  PostTargetEvent,
} from './posts.dto.js';
import type { MediaProcessedEvent } from './media.dto.js';
import type { VideoRenderedEvent } from './videos.dto.js';
import type { ProductView } from './products.dto.js';
import { EventSubjects } from './subjects.js';

export interface UserRegisteredEvent {
  userId: string;
  email: string;
  name: string;
  workspaceId: string;
}

export interface WorkspaceCreatedEvent {
  workspaceId: string;
  name: string;
  ownerId: string;
}

export interface ProductDeletedEvent {
  productId: string;
}

/** What consumers keep of an imported product (the dashboard's catalog). */
export type ImportedProductSummary = Pick<
  ProductView,
  'id' | 'title' | 'priceMinor' | 'costMinor' | 'currency' | 'commissionRate'
>;

/**
 * One chunk (at most CATALOG_EVENT_MAX_PRODUCTS) of the products a catalog import created or changed; an import
 * sends these instead of a product event per row. Unchanged rows are in none.
 */
export interface CatalogImportedEvent {
  importId: string;
  created: ImportedProductSummary[];
  updated: ImportedProductSummary[];
}

/** Products per catalog import event: well under NATS' 1 MB message limit with 200-character titles. */
export const CATALOG_EVENT_MAX_PRODUCTS = 250;

/** Cumulative counters of one published target, as last read from the platform. */
export interface PlatformMetricsCollectedEvent {
  postId: string;
  targetId: string;
  platform: string;
  productId: string | null;
  variant: string | null;
  collectedAt: string;
  impressions: number;
  views: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  clicks: number;
}

/** What a platform reports of one post; counters it does not give are 0. */
export type PostMetricsSnapshot = Pick<
  PlatformMetricsCollectedEvent,
  'impressions' | 'views' | 'likes' | 'comments' | 'shares' | 'saves' | 'clicks'
>;

/** Payload type of every event subject. */
export interface EventContract {
  [EventSubjects.userRegistered]: UserRegisteredEvent;
  [EventSubjects.workspaceCreated]: WorkspaceCreatedEvent;
  [EventSubjects.productCreated]: ProductView;
  [EventSubjects.productUpdated]: ProductView;
  [EventSubjects.productDeleted]: ProductDeletedEvent;
  [EventSubjects.catalogImported]: CatalogImportedEvent;
  [EventSubjects.mediaProcessed]: MediaProcessedEvent;
  [EventSubjects.videoRendered]: VideoRenderedEvent;
  [EventSubjects.connectionCreated]: ConnectionCreatedEvent;
  [EventSubjects.connectionExpired]: ConnectionExpiredEvent;
  [EventSubjects.postScheduled]: PostScheduledEvent;
  [EventSubjects.postPublished]: PostPublishedEvent;
  [EventSubjects.postFailed]: PostFailedEvent;
  [EventSubjects.postUnconfirmed]: PostTargetEvent;
  [EventSubjects.metricsCollected]: PlatformMetricsCollectedEvent;
}

export type EventSubject = keyof EventContract;
export type EventPayload<S extends EventSubject> = EventContract[S];
