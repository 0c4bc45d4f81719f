import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreatePostDto,
  ListPostsQuery,
  MarkPublishedRequest,
  PostParams,
  PostSubjects,
  type ReplyOf,
  ReviewPostRequest,
  type RpcEnvelope,
  SchedulePostRequest,
  UpdatePostRequest,
} from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import { PostsService } from './posts.service.js';

type Reply<S extends keyof typeof PostSubjects> = Promise<ReplyOf<(typeof PostSubjects)[S]>>;

/** The post subjects; each validates its envelope and hands over to PostsService. */
@Controller()
export class PostsHandlers {
  constructor(private readonly posts: PostsService) {}

  @MessagePattern(PostSubjects.create)
  create(@Payload(new EnvelopePipe(CreatePostDto)) envelope: RpcEnvelope<CreatePostDto>): Reply<'create'> {
    return this.posts.create(requirePrincipal(envelope), envelope.data);
  }

  @MessagePattern(PostSubjects.list)
  list(@Payload(new EnvelopePipe(ListPostsQuery)) envelope: RpcEnvelope<ListPostsQuery>): Reply<'list'> {
    return this.posts.list(requirePrincipal(envelope), envelope.data);
  }

  @MessagePattern(PostSubjects.get)
  get(@Payload(new EnvelopePipe(PostParams)) envelope: RpcEnvelope<PostParams>): Reply<'get'> {
    return this.posts.get(requirePrincipal(envelope), envelope.data.id);
  }

  @MessagePattern(PostSubjects.update)
  update(
    @Payload(new EnvelopePipe(UpdatePostRequest)) envelope: RpcEnvelope<UpdatePostRequest>,
  ): Reply<'update'> {
    return this.posts.update(requirePrincipal(envelope), envelope.data.id, envelope.data);
  }

  @MessagePattern(PostSubjects.schedule)
  schedule(
    @Payload(new EnvelopePipe(SchedulePostRequest)) envelope: RpcEnvelope<SchedulePostRequest>,
  ): Reply<'schedule'> {
    return this.posts.schedule(requirePrincipal(envelope), envelope.data.id, envelope.data.scheduledAt);
  }

  @MessagePattern(PostSubjects.approve)
  approve(
    @Payload(new EnvelopePipe(ReviewPostRequest)) envelope: RpcEnvelope<ReviewPostRequest>,
  ): Reply<'approve'> {
    return this.posts.approve(requirePrincipal(envelope), envelope.data.id, envelope.data.note);
  }

  @MessagePattern(PostSubjects.reject)
  reject(
    @Payload(new EnvelopePipe(ReviewPostRequest)) envelope: RpcEnvelope<ReviewPostRequest>,
  ): Reply<'reject'> {
    return this.posts.reject(requirePrincipal(envelope), envelope.data.id, envelope.data.note);
  }

  @MessagePattern(PostSubjects.cancel)
  cancel(@Payload(new EnvelopePipe(PostParams)) envelope: RpcEnvelope<PostParams>): Reply<'cancel'> {
    return this.posts.cancel(requirePrincipal(envelope), envelope.data.id);
  }

  @MessagePattern(PostSubjects.retry)
  retry(@Payload(new EnvelopePipe(PostParams)) envelope: RpcEnvelope<PostParams>): Reply<'retry'> {
    return this.posts.retry(requirePrincipal(envelope), envelope.data.id);
  }

  @MessagePattern(PostSubjects.markPublished)
  markPublished(
    @Payload(new EnvelopePipe(MarkPublishedRequest)) envelope: RpcEnvelope<MarkPublishedRequest>,
  ): Reply<'markPublished'> {
    const { id, url, targetId } = envelope.data;
    return this.posts.markPublished(requirePrincipal(envelope), id, url, targetId);
  }
}
