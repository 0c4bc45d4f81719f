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
import { PostDraftingService } from './post-drafting.service.js';
import { PostReviewService } from './post-review.service.js';
import { PostSchedulingService } from './post-scheduling.service.js';
import { PostViewsService } from './post-views.service.js';

/** The post subjects: drafting, reading, review and scheduling each go to their own service. */
@Controller()
export class PostsHandlers {
  constructor(
    private readonly drafting: PostDraftingService,
    private readonly views: PostViewsService,
    private readonly review: PostReviewService,
    private readonly scheduling: PostSchedulingService,
  ) {}

  @Handles(PostSubjects.create, 'write')
  create(@Context() context: RequestContext, @Data() data: CreatePostDto) {
    return this.drafting.create(context, data);
  }

  @Handles(PostSubjects.list, 'read')
  list(@Context() context: RequestContext, @Data() data: ListPostsQuery) {
    return this.views.list(context, data);
  }

  @Handles(PostSubjects.get, 'read')
  get(@Context() context: RequestContext, @Data() data: PostParams) {
    return this.views.get(context, data.id);
  }

  @Handles(PostSubjects.update, 'write')
  update(@Context() context: RequestContext, @Data() data: UpdatePostRequest) {
    return this.drafting.update(context, data.id, data);
  }

  @Handles(PostSubjects.schedule, 'write')
  schedule(@Context() context: RequestContext, @Data() data: SchedulePostRequest) {
    return this.scheduling.schedule(context, data.id, data.scheduledAt);
  }

  @Handles(PostSubjects.approve, 'write')
  approve(@Context() context: RequestContext, @Data() data: ReviewPostRequest) {
    return this.review.approve(context, data.id, data.note);
  }

  @Handles(PostSubjects.reject, 'write')
  reject(@Context() context: RequestContext, @Data() data: ReviewPostRequest) {
    return this.review.reject(context, data.id, data.note);
  }

  @Handles(PostSubjects.cancel, 'write')
  cancel(@Context() context: RequestContext, @Data() data: PostParams) {
    return this.scheduling.cancel(context, data.id);
  }

  @Handles(PostSubjects.retry, 'write')
  retry(@Context() context: RequestContext, @Data() data: PostParams) {
    return this.scheduling.retry(context, data.id);
  }

  @Handles(PostSubjects.markPublished, 'write')
  markPublished(@Context() context: RequestContext, @Data() data: MarkPublishedRequest) {
    return this.scheduling.markPublished(context, data.id, data.url, data.targetId);
  }
}
