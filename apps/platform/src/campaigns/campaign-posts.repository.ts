import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { TargetStatus } from '@app/contracts';
import { TransactionHost } from '@app/database';
import { PostEntity, PostTargetEntity } from '../posts/post.entity.js';

/** Targets not yet publishing, which a pause holds and a completion cancels (paused ones included). */
const NOT_STARTED: TargetStatus[] = ['draft', 'needs_review', 'approved', 'scheduled'];

/** Targets that may still go out by themselves; a campaign whose bank is used up ends once none is left. */
const UNDERWAY: TargetStatus[] = [...NOT_STARTED, 'paused', 'publishing'];

/** A post of the campaign with the targets its pause holds, locked. */
export interface PausedPost {
  post: PostEntity;
  targets: PostTargetEntity[];
}

/** The queries a campaign's pause, resume and completion run on its posts' targets. */
@Injectable()
export class CampaignPostsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Holds every target of the campaign's posts that has not started publishing. */
  async pauseOpenTargets(campaignId: string): Promise<void> {
    await this.tx.manager.query(
      `UPDATE post_targets t SET status = 'paused', hold_reason = 'The campaign is paused', updated_at = now()
       FROM posts p
       WHERE p.id = t.post_id AND p.campaign_id = $1 AND t.status = ANY($2::text[])`,
      [campaignId, NOT_STARTED],
    );
  }

  /** Cancels what has not started publishing (paused targets too); what went out stays as it is. */
  async cancelOpenTargets(campaignId: string, reason: string): Promise<void> {
    await this.tx.manager.query(
      `UPDATE post_targets t SET status = 'cancelled', hold_reason = $3, updated_at = now()
       FROM posts p
       WHERE p.id = t.post_id AND p.campaign_id = $1 AND t.status = ANY($2::text[])`,
      [campaignId, [...NOT_STARTED, 'paused'], reason],
    );
  }

  /**
   * Cancels the not-yet-started targets of posts the bank placed, of the variants `which` names (all but
   * `except`, or only `only`, placed at or after `since`); answers their posts' ids.
   */
  async cancelBankTargets(
    campaignId: string,
    which: { except?: string; only?: string; since?: Date },
    reason: string,
  ): Promise<string[]> {
    // An UPDATE ... RETURNING answers [rows, count].
    const [rows] = await this.tx.manager.query<[Array<{ post_id: string }>, number]>(
      `UPDATE post_targets t SET status = 'cancelled', hold_reason = $6, updated_at = now()
       FROM campaign_slots s
       WHERE s.campaign_id = $1 AND s.post_id = t.post_id AND s.connection_id = t.connection_id
         AND t.status = ANY($2::text[])
         AND ($3::text IS NULL OR s.variant <> $3) AND ($4::text IS NULL OR s.variant = $4)
         AND ($5::timestamptz IS NULL OR s.created_at >= $5)
       RETURNING t.post_id`,
      [campaignId, NOT_STARTED, which.except ?? null, which.only ?? null, which.since ?? null, reason],
    );
    return [...new Set(rows.map((row) => row.post_id))];
  }

  /** The campaign's posts with paused targets, in the order of their slots, the targets locked. */
  async pausedPosts(campaignId: string): Promise<PausedPost[]> {
    const targets = await this.tx.manager
      .createQueryBuilder(PostTargetEntity, 't')
      .innerJoin(PostEntity, 'p', 'p.id = t.post_id')
      .setLock('pessimistic_write', undefined, ['t'])
      .where('p.campaign_id = :campaignId', { campaignId })
      .andWhere("t.status = 'paused'")
      .orderBy('t.id')
      .getMany();
    if (targets.length === 0) return [];
    const posts = await this.tx.manager.find(PostEntity, {
      where: { id: In([...new Set(targets.map((target) => target.postId))]) },
      order: { scheduledAt: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
    return posts.map((post) => ({
      post,
      targets: targets.filter((target) => target.postId === post.id),
    }));
  }

  /** Whether any target of the campaign's posts may still go out by itself. */
  async hasUnderway(campaignId: string): Promise<boolean> {
    const [row] = await this.tx.manager.query<Array<{ underway: boolean }>>(
      `SELECT EXISTS (SELECT 1 FROM posts p JOIN post_targets t ON t.post_id = p.id
         WHERE p.campaign_id = $1 AND t.status = ANY($2::text[])) AS underway`,
      [campaignId, UNDERWAY],
    );
    return row.underway;
  }

  async save(post: PostEntity, targets: PostTargetEntity[]): Promise<void> {
    const now = new Date();
    post.updatedAt = now;
    for (const target of targets) target.updatedAt = now;
    await this.tx.manager.save(PostEntity, post);
    await this.tx.manager.save(PostTargetEntity, targets);
  }
}
