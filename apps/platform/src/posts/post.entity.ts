import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  AttemptOutcome,
  ConnectablePlatform,
  PublishErrorClass,
  TargetMediaView,
  TargetOptions,
  TargetStatus,
} from '@app/contracts';

/** A target's tracked link as analytics answered it: `url` is the destination it was made (or last updated) for. */
export interface TargetLinkRef {
  id: string;
  shortUrl: string;
  url: string;
}

/** A post as stored in platform.posts; its targets carry the state. */
@Entity({ name: 'posts' })
export class PostEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'product_id', type: 'uuid', nullable: true }) productId!: string | null;
  @Column({ name: 'campaign_id', type: 'uuid', nullable: true }) campaignId!: string | null;
  @Column({ name: 'requires_review', type: 'boolean' }) requiresReview!: boolean;
  /** False: no target of the post gets a tracked link. */
  @Column({ type: 'boolean' }) tracking!: boolean;
  @Column({ name: 'review_note', type: 'text', nullable: true }) reviewNote!: string | null;
  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true }) reviewedBy!: string | null;
  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true }) scheduledAt!: Date | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** One connection of a post, with its own state machine. */
@Entity({ name: 'post_targets' })
export class PostTargetEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'post_id', type: 'uuid' }) postId!: string;
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'connection_id', type: 'uuid' }) connectionId!: string;
  @Column({ type: 'text' }) platform!: ConnectablePlatform;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'text', nullable: true }) title!: string | null;
  @Column({ name: 'media_urls', type: 'text', array: true }) mediaUrls!: string[];
  @Column({ type: 'jsonb' }) options!: TargetOptions;
  @Column({ name: 'media_ids', type: 'uuid', array: true }) mediaIds!: string[];
  @Column({ type: 'jsonb' }) media!: TargetMediaView[];
  /** Caption variant label (`A`, `B` ...), which the target's tracked link and metrics carry for experiments. */
  @Column({ type: 'text', nullable: true }) variant!: string | null;
  /** False: the target opted out of a tracked link. */
  @Column({ type: 'boolean' }) tracking!: boolean;
  /** Where the target's tracked link leads (see target-link.ts); null when it gets none. */
  @Column({ name: 'destination_url', type: 'text', nullable: true }) destinationUrl!: string | null;
  /** The link analytics made for the target, and the destination it was made for; null until then. */
  @Column({ type: 'jsonb', nullable: true }) link!: TargetLinkRef | null;
  @Column({ type: 'text' }) status!: TargetStatus;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt!: Date | null;
  @Column({ name: 'hold_reason', type: 'text', nullable: true }) holdReason!: string | null;
  @Column({ name: 'attempt_count', type: 'integer' }) attemptCount!: number;
  @Column({ name: 'external_id', type: 'text', nullable: true }) externalId!: string | null;
  @Column({ name: 'external_url', type: 'text', nullable: true }) externalUrl!: string | null;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  @Column({ name: 'error_class', type: 'text', nullable: true }) errorClass!: PublishErrorClass | null;
  @Column({ name: 'error_message', type: 'text', nullable: true }) errorMessage!: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** One call to a platform: recorded `calling` before the call, its outcome after. */
@Entity({ name: 'publish_attempts' })
export class PublishAttemptEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'target_id', type: 'uuid' }) targetId!: string;
  @Column({ name: 'connection_id', type: 'uuid' }) connectionId!: string;
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'worker_id', type: 'text' }) workerId!: string;
  @Column({ type: 'text' }) outcome!: AttemptOutcome;
  @Column({ name: 'response_status', type: 'integer', nullable: true }) responseStatus!: number | null;
  @Column({ name: 'error_class', type: 'text', nullable: true }) errorClass!: PublishErrorClass | null;
  @Column({ type: 'text', nullable: true }) message!: string | null;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}
