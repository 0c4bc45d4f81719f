import { Injectable } from '@nestjs/common';
import { type ListPostsQuery, NotFoundError, type PostView } from '@app/contracts';
import type { RequestContext } from '@app/messaging';
import { LatestMetrics } from '../metrics/latest-metrics.js';
import type { PostEntity } from './post.entity.js';
import { toPostView } from './post.mapper.js';
import { PostsRepository } from './posts.repository.js';

/** Reading posts: one or a page of them, each with its targets, attempts and latest metrics. */
@Injectable()
export class PostViewsService {
  constructor(
    private readonly repository: PostsRepository,
    private readonly metrics: LatestMetrics,
  ) {}

  async get(context: RequestContext, id: string): Promise<PostView> {
    const post = await this.repository.findOne(context.principal.workspaceId, id);
    if (!post) throw new NotFoundError('Post');
    return this.view(post);
  }

  async list(context: RequestContext, query: ListPostsQuery): Promise<PostView[]> {
    const posts = await this.repository.list(context.principal.workspaceId, {
      status: query.status,
      platform: query.platform,
      campaignId: query.campaignId,
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
      limit: query.limit ?? 20,
    });
    return this.views(posts);
  }

  async view(post: PostEntity): Promise<PostView> {
    const [view] = await this.views([post]);
    return view;
  }

  /** Posts with their targets, attempts and latest metrics: three queries however many posts. */
  private async views(posts: PostEntity[]): Promise<PostView[]> {
    const targets = await this.repository.targetsOf(posts.map((post) => post.id));
    const attempts = await this.repository.attemptsOf(targets.map((target) => target.id));
    const metrics = await this.metrics.of(targets.map((target) => target.id));
    return posts.map((post) => {
      const own = targets.filter((target) => target.postId === post.id);
      const ids = new Set(own.map((target) => target.id));
      return toPostView(
        post,
        own,
        attempts.filter((attempt) => ids.has(attempt.targetId)),
        metrics,
      );
    });
  }
}
