import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { TargetStatus } from '@app/contracts';
import { bulkInsert, TransactionHost } from '@app/database';
import { PostEntity, PostTargetEntity, PublishAttemptEntity } from './post.entity.js';

export interface PostListFilter {
  status?: TargetStatus;
  platform?: string;
  campaignId?: string;
  from?: Date;
  to?: Date;
  limit: number;
}

/** Every query on posts, their targets and attempts; each bound to a workspace. */
@Injectable()
export class PostsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(post: PostEntity, targets: PostTargetEntity[]): Promise<void> {
    await this.tx.manager.insert(PostEntity, post);
    await this.tx.manager.insert(PostTargetEntity, targets);
  }

  /** Inserts posts and their targets in a few statements, whatever their number. */
  async insertMany(posts: ReadonlyArray<{ post: PostEntity; targets: PostTargetEntity[] }>): Promise<void> {
    await bulkInsert(
      this.tx.manager,
      PostEntity,
      posts.map(({ post }) => post),
    );
    await bulkInsert(
      this.tx.manager,
      PostTargetEntity,
      posts.flatMap(({ targets }) => targets),
    );
  }

  /** The post with its targets locked, so state changes of one post never interleave. */
  async findForUpdate(workspaceId: string, id: string) {
    const post = await this.tx.manager.findOneBy(PostEntity, { workspaceId, id });
    if (!post) return null;
    const targets = await this.tx.manager
      .createQueryBuilder(PostTargetEntity, 't')
      .setLock('pessimistic_write')
      .where('t.post_id = :id', { id })
      .orderBy('t.id')
      .getMany();
    return { post, targets };
  }

  findOne(workspaceId: string, id: string) {
    return this.tx.manager.findOneBy(PostEntity, { workspaceId, id });
  }

  targetsOf(postIds: string[]): Promise<PostTargetEntity[]> {
    if (postIds.length === 0) return Promise.resolve([]);
    return this.tx.manager.find(PostTargetEntity, { where: { postId: In(postIds) }, order: { id: 'ASC' } });
  }

  attemptsOf(targetIds: string[]): Promise<PublishAttemptEntity[]> {
    if (targetIds.length === 0) return Promise.resolve([]);
    return this.tx.manager.find(PublishAttemptEntity, {
      where: { targetId: In(targetIds) },
      order: { startedAt: 'ASC' },
    });
  }

  async saveTargets(targets: PostTargetEntity[]): Promise<void> {
    const now = new Date();
    for (const target of targets) target.updatedAt = now;
    await this.tx.manager.save(PostTargetEntity, targets);
  }

  async touch(post: PostEntity): Promise<void> {
    post.updatedAt = new Date();
    await this.tx.manager.save(PostEntity, post);
  }

  /** Newest first; a post matches when any of its targets matches the status, platform and due window. */
  list(workspaceId: string, filter: PostListFilter): Promise<PostEntity[]> {
    const query = this.tx.manager
      .createQueryBuilder(PostEntity, 'p')
      .where('p.workspace_id = :workspaceId', { workspaceId })
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(filter.limit);
    if (filter.campaignId) query.andWhere('p.campaign_id = :campaignId', { campaignId: filter.campaignId });
    const conditions: string[] = [];
    if (filter.status) conditions.push('t.status = :status');
    if (filter.platform) conditions.push('t.platform = :platform');
    if (filter.from) conditions.push('t.due_at >= :from');
    if (filter.to) conditions.push('t.due_at < :to');
    if (conditions.length > 0) {
      query.andWhere(
        `EXISTS (SELECT 1 FROM post_targets t WHERE t.post_id = p.id AND ${conditions.join(' AND ')})`,
        filter,
      );
    }
    return query.getMany();
  }
}
