import type {
  PostTargetView,
  PostView,
  PublishAttemptView,
  TargetMetricsView,
  TargetStatus,
} from '@app/contracts';
import { withShortLink } from '../target-links/target-link.js';
import type { PostEntity, PostTargetEntity, PublishAttemptEntity } from './post.entity.js';

/** The only shape of a post that leaves the service. */
export function toPostView(
  post: PostEntity,
  targets: PostTargetEntity[],
  attempts: PublishAttemptEntity[],
  metrics: ReadonlyMap<string, TargetMetricsView> = new Map(),
): PostView {
  return {
    id: post.id,
    productId: post.productId,
    campaignId: post.campaignId,
    status: summaryStatus(targets.map((target) => target.status)),
    requiresReview: post.requiresReview,
    reviewNote: post.reviewNote,
    createdBy: post.createdBy,
    scheduledAt: post.scheduledAt?.toISOString() ?? null,
    tracking: post.tracking,
    targets: targets.map((target) => toTargetView(target, metrics.get(target.id) ?? null)),
    attempts: attempts.map(toAttemptView),
    createdAt: post.createdAt.toISOString(),
    updatedAt: post.updatedAt.toISOString(),
  };
}

function summaryStatus(statuses: TargetStatus[]): TargetStatus | 'mixed' {
  const distinct = new Set(statuses);
  return distinct.size === 1 ? statuses[0] : 'mixed';
}

function toTargetView(target: PostTargetEntity, metrics: TargetMetricsView | null): PostTargetView {
  return {
    id: target.id,
    connectionId: target.connectionId,
    platform: target.platform,
    text: target.text,
    publishedText: publishedText(target),
    title: target.title,
    mediaUrls: target.mediaUrls,
    mediaIds: target.mediaIds,
    media: target.media,
    options: target.options,
    variant: target.variant,
    tracking: target.tracking,
    destinationUrl: target.destinationUrl,
    // A link stays recorded when the target stops needing one (tracking turned off): it is not shown, nor used.
    link:
      target.destinationUrl !== null && target.link
        ? { id: target.link.id, shortUrl: target.link.shortUrl }
        : null,
    status: target.status,
    dueAt: target.dueAt?.toISOString() ?? null,
    holdReason: target.holdReason,
    externalId: target.externalId,
    externalUrl: target.externalUrl,
    publishedAt: target.publishedAt?.toISOString() ?? null,
    error:
      target.errorClass && target.errorMessage
        ? { class: target.errorClass, message: target.errorMessage }
        : null,
    metrics,
  };
}

/** The text as published: the destination's occurrences as the short link, once the target has its link. */
function publishedText(target: PostTargetEntity): string {
  return withShortLink(target, undefined, target.destinationUrl, target.link?.shortUrl ?? null).text;
}

function toAttemptView(attempt: PublishAttemptEntity): PublishAttemptView {
  return {
    id: attempt.id,
    targetId: attempt.targetId,
    startedAt: attempt.startedAt.toISOString(),
    finishedAt: attempt.finishedAt?.toISOString() ?? null,
    outcome: attempt.outcome,
    responseStatus: attempt.responseStatus,
    errorClass: attempt.errorClass,
    message: attempt.message,
  };
}
