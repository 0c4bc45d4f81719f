import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  DomainError,
  InvalidError,
  JsonPostImportDto,
  POST_IMPORT_LIMITS,
  type PostImportQuery,
  type PostImportReportView,
  PostImportSubjects,
  type StartPostImportRequest,
} from '@app/contracts';
import { type CallContext, RpcClient, validateDto } from '@app/messaging';
import { UploadStore } from '../media/upload-store.service.js';
import { fieldValue, importFormatOf } from './import-request.js';

/** A small file is checked and created within the request; this is how long the gateway waits for it. */
const START_TIMEOUT_MS = 60_000;

/** Puts a posts import's file (multipart) or body (JSON) into storage and asks the platform service to run it. */
@Injectable()
export class PostsImportService {
  constructor(
    private readonly rpc: RpcClient,
    private readonly uploads: UploadStore,
  ) {}

  async start(
    request: FastifyRequest,
    query: PostImportQuery,
    call: CallContext,
  ): Promise<PostImportReportView> {
    if (!request.isMultipart()) return this.startFromBody(request.body, query, call);
    const { key, file } = await this.uploads.storeImport(request, call, POST_IMPORT_LIMITS.maxFileBytes);
    try {
      return await this.send(
        {
          sourceKey: key,
          format: importFormatOf(file.fields, file.filename, file.mimetype),
          fileName: file.filename.slice(0, 200) || undefined,
          dryRun: query.dryRun ?? dryRunField(fieldValue(file.fields, 'dryRun')),
        },
        call,
      );
    } catch (error) {
      // The platform removes files it received; one it never got is removed here. After a timeout it may be
      // reading it still, so it is left to the platform.
      if (!(error instanceof DomainError && error.status === 504)) await this.uploads.discard(key);
      throw error;
    }
  }

  private async startFromBody(body: unknown, query: PostImportQuery, call: CallContext) {
    const { posts, dryRun } = await validateDto(JsonPostImportDto, body);
    const sourceKey = await this.uploads.storeImportBody(call, Buffer.from(JSON.stringify(posts)));
    return this.send({ sourceKey, format: 'json', dryRun: query.dryRun ?? dryRun }, call);
  }

  private send(request: StartPostImportRequest, call: CallContext): Promise<PostImportReportView> {
    return this.rpc.send(PostImportSubjects.start, request, call, { timeoutMs: START_TIMEOUT_MS });
  }
}

function dryRunField(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (/^true$/i.test(value.trim())) return true;
  if (/^false$/i.test(value.trim())) return false;
  throw new InvalidError('dryRun must be true or false', {
    fields: [{ field: 'dryRun', messages: ['must be true or false'] }],
  });
}
