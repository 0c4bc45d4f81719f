import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiExtraModels, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  JsonPostImportDto,
  PostImportIdParams,
  PostImportQuery,
  PostImportReportView,
  PostImportSubjects,
} from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';
import { answerImport, importBodySchema } from './import-request.js';
import { PostsImportService } from './posts-import.service.js';
import { RateLimit } from '../rate-limit/rate-limit.decorator.js';

const IMPORT_BODY = importBodySchema(
  { dryRun: { type: 'string', enum: ['true', 'false'] } },
  JsonPostImportDto,
);

@ApiTags('posts')
@ApiBearerAuth()
@ApiExtraModels(JsonPostImportDto)
@Controller('api/v1/posts')
export class PostsImportController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly imports: PostsImportService,
  ) {}

  /**
   * Schedules posts in bulk from a CSV or JSON file (multipart field `file`, up to 10,000 rows and 20 MB) or a
   * JSON body `{posts: [...]}`: one post per row, created as `POST /api/v1/posts` would create it. The whole
   * file is checked before anything is created; bad rows are reported by line and the good ones created. With
   * `dryRun=true` nothing is created. Small files answer 201 with the report; larger ones, and imports that fetch
   * media or generate copy, 202 with status `running`: follow `GET /api/v1/posts/imports/:id`.
   */
  @RateLimit('costly')
  @Post('import')
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody(IMPORT_BODY)
  @ApiErrors(400, 401, 403, 413, 429)
  async start(
    @Req() request: FastifyRequest,
    @Query() query: PostImportQuery,
    @Call() call: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PostImportReportView> {
    return answerImport(reply, await this.imports.start(request, query, call));
  }

  /** Progress and report of a posts import. */
  @Get('imports/:id')
  @ApiErrors(400, 401, 404)
  get(@Param() params: PostImportIdParams, @Call() call: CallContext): Promise<PostImportReportView> {
    return this.rpc.send(PostImportSubjects.get, params, call);
  }
}
