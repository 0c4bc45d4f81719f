import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CreatePostDto,
  ListPostsQuery,
  MarkPublishedDto,
  type MetricsRefreshView,
  PostParams,
  PostSubjects,
  type PostView,
  ReviewPostDto,
  SchedulePostDto,
  UpdatePostDto,
} from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';

@ApiTags('posts')
@ApiBearerAuth()
@Controller('api/v1/posts')
export class PostsController {
  constructor(private readonly rpc: RpcClient) {}

  /**
   * A post to one or more connections; with `scheduledAt` it is scheduled (unless review is required). Each
   * target's destination URL is published as a tracked short link (`publishedText`, `link`) unless `tracking`
   * is false.
   */
  @Post()
  @ApiErrors(400, 401, 403, 404)
  create(@Body() body: CreatePostDto, @Call() call: CallContext): Promise<PostView> {
    return this.rpc.send(PostSubjects.create, body, call);
  }

  /** Newest first; filter by a target's status, platform and due time window. */
  @Get()
  @ApiErrors(400, 401)
  list(@Query() query: ListPostsQuery, @Call() call: CallContext): Promise<PostView[]> {
    return this.rpc.send(PostSubjects.list, query, call);
  }

  /** The post, each target's state and every publish attempt. */
  @Get(':id')
  @ApiErrors(400, 401, 404)
  get(@Param() params: PostParams, @Call() call: CallContext): Promise<PostView> {
    return this.rpc.send(PostSubjects.get, params, call);
  }

  /** Edits targets that are not yet publishing; with review required, they need approval again. */
  @Patch(':id')
  @ApiErrors(400, 401, 403, 404, 409)
  update(
    @Param() params: PostParams,
    @Body() body: UpdatePostDto,
    @Call() call: CallContext,
  ): Promise<PostView> {
    return this.rpc.send(PostSubjects.update, { id: params.id, targets: body.targets }, call);
  }

  @Post(':id/schedule')
  @HttpCode(200)
  @ApiErrors(400, 401, 403, 404, 409)
  schedule(
    @Param() params: PostParams,
    @Body() body: SchedulePostDto,
    @Call() call: CallContext,
  ): Promise<PostView> {
    return this.rpc.send(PostSubjects.schedule, { id: params.id, scheduledAt: body.scheduledAt }, call);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiErrors(400, 401, 403, 404, 409)
  approve(
    @Param() params: PostParams,
    @Body() body: ReviewPostDto,
    @Call() call: CallContext,
  ): Promise<PostView> {
    return this.rpc.send(PostSubjects.approve, { id: params.id, note: body.note }, call);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiErrors(400, 401, 403, 404, 409)
  reject(
    @Param() params: PostParams,
    @Body() body: ReviewPostDto,
    @Call() call: CallContext,
  ): Promise<PostView> {
    return this.rpc.send(PostSubjects.reject, { id: params.id, note: body.note }, call);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiErrors(400, 401, 403, 404, 409)
  cancel(@Param() params: PostParams, @Call() call: CallContext): Promise<PostView> {
    return this.rpc.send(PostSubjects.cancel, params, call);
  }

  /** Schedules failed or unconfirmed targets again, now (check the account first for unconfirmed ones). */
  @Post(':id/retry')
  @HttpCode(200)
  @ApiErrors(400, 401, 403, 404, 409)
  retry(@Param() params: PostParams, @Call() call: CallContext): Promise<PostView> {
    return this.rpc.send(PostSubjects.retry, params, call);
  }

  /** A manual target was posted by hand: record its URL. */
  @Post(':id/mark-published')
  @HttpCode(200)
  @ApiErrors(400, 401, 403, 404, 409)
  markPublished(
    @Param() params: PostParams,
    @Body() body: MarkPublishedDto,
    @Call() call: CallContext,
  ): Promise<PostView> {
    return this.rpc.send(PostSubjects.markPublished, { id: params.id, ...body }, call);
  }

  /** Reads the platform metrics of the post's published targets again now; they show in the post shortly. */
  @Post(':id/metrics/refresh')
  @HttpCode(202)
  @ApiErrors(400, 401, 403, 404, 409)
  refreshMetrics(@Param() params: PostParams, @Call() call: CallContext): Promise<MetricsRefreshView> {
    return this.rpc.send(PostSubjects.refreshMetrics, params, call);
  }
}
