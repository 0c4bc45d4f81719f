import type {
  PostFailedEvent,
  PostPublishedEvent,
  PostScheduledEvent,
  PostTargetEvent,
  PublishErrorClass,
} from '@app/contracts';
import type { PostEntity, PostTargetEntity } from './post.entity.js';

// The payloads of platform.post.* events, built here only, so that every path that schedules,
// publishes or fails a target (the user, the publisher, the sweep) tells consumers the same thing.

/** What every post event says: which target of which post, on which connection, for which product. */
export function postTargetEvent(post: PostEntity, target: PostTargetEntity): PostTargetEvent {
  return {
    postId: post.id,
    targetId: target.id,
    connectionId: target.connectionId,
    platform: target.platform,
    productId: post.productId,
  };
}

/** A target that was given its due time. */
export function postScheduledEvent(post: PostEntity, target: PostTargetEntity): PostScheduledEvent {
  return { ...postTargetEvent(post, target), dueAt: (target.dueAt as Date).toISOString() };
}

/** A target that went live, by the publisher or by hand. */
export function postPublishedEvent(
  post: PostEntity,
  target: PostTargetEntity,
  published: { externalId: string | null; externalUrl: string | null; publishedAt: Date },
): PostPublishedEvent {
  return {
    ...postTargetEvent(post, target),
    externalId: published.externalId,
    externalUrl: published.externalUrl,
    publishedAt: published.publishedAt.toISOString(),
  };
}

/** A target that failed for good, with the reason the user reads. */
export function postFailedEvent(post: PostEntity, target: PostTargetEntity): PostFailedEvent {
  return {
    ...postTargetEvent(post, target),
    errorClass: target.errorClass as PublishErrorClass,
    message: target.errorMessage ?? '',
  };
}
