import { Controller } from '@nestjs/common';
import {
  type CreatePostDto,
  type ListPostsQuery,
  type MarkPublishedRequest,
  type PostParams,
  PostSubjects,
  type ReviewPostRequest,
  type SchedulePostRequest,
  type UpdatePostRequest,
} from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { PostsService } from './posts.service.js';

/** The post subjects, handed over to PostsService. */
@Controller()
export class PostsHandlers {
  constructor(private readonly posts: PostsService) {}

  @Handles(PostSubjects.create, 'write')
  create(@Context() context: RequestContext, @Data() data: CreatePostDto) {
    return this.posts.create(context, data);
  }

  @Handles(PostSubjects.list, 'read')
  list(@Context() context: RequestContext, @Data() data: ListPostsQuery) {
    return this.posts.list(context, data);
  }

  @Handles(PostSubjects.get, 'read')
  get(@Context() context: RequestContext, @Data() data: PostParams) {
    return this.posts.get(context, data.id);
  }

  @Handles(PostSubjects.update, 'write')
  update(@Context() context: RequestContext, @Data() data: UpdatePostRequest) {
    return this.posts.update(context, data.id, data);
  }

  @Handles(PostSubjects.schedule, 'write')
  schedule(@Context() context: RequestContext, @Data() data: SchedulePostRequest) {
    return this.posts.schedule(context, data.id, data.scheduledAt);
  }

  @Handles(PostSubjects.approve, 'write')
  approve(@Context() context: RequestContext, @Data() data: ReviewPostRequest) {
    return this.posts.approve(context, data.id, data.note);
  }

  @Handles(PostSubjects.reject, 'write')
  reject(@Context() context: RequestContext, @Data() data: ReviewPostRequest) {
    return this.posts.reject(context, data.id, data.note);
  }

  @Handles(PostSubjects.cancel, 'write')
  cancel(@Context() context: RequestContext, @Data() data: PostParams) {
    return this.posts.cancel(context, data.id);
  }

  @Handles(PostSubjects.retry, 'write')
  retry(@Context() context: RequestContext, @Data() data: PostParams) {
    return this.posts.retry(context, data.id);
  }

  @Handles(PostSubjects.markPublished, 'write')
  markPublished(@Context() context: RequestContext, @Data() data: MarkPublishedRequest) {
    return this.posts.markPublished(context, data.id, data.url, data.targetId);
  }
}
