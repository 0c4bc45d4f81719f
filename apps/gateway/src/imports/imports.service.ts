import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { type ImportReportView, ImportSubjects } from '@app/contracts';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { type CallContext, RpcClient, validateDto } from '@app/messaging';
import { UploadStore } from '../media/upload-store.service.js';
import { importFormatOf, importOptionsFromFields, JsonImportDto } from './import-request.js';

/** Puts an import's file (multipart) or body (JSON) into storage and asks the content service to run it. */
@Injectable()
export class ImportsService {
  constructor(
    private readonly rpc: RpcClient,
    private readonly uploads: UploadStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(request: FastifyRequest, call: CallContext): Promise<ImportReportView> {
    if (!request.isMultipart()) return this.startFromBody(request.body, call);
    const { key, file } = await this.uploads.storeImport(request, call, this.config.imports.maxFileBytes);
    try {
      const options = await importOptionsFromFields(file.fields);
      const format = importFormatOf(file.fields, file.filename, file.mimetype);
      const fileName = file.filename.slice(0, 200) || undefined;
      return await this.rpc.send(
        ImportSubjects.start,
        { ...options, sourceKey: key, format, fileName },
        call,
      );
    } catch (error) {
      // The content service removes files it received; one it never got is removed here.
      await this.uploads.discard(key);
      throw error;
    }
  }

  private async startFromBody(body: unknown, call: CallContext): Promise<ImportReportView> {
    const { products, ...options } = await validateDto(JsonImportDto, body);
    const sourceKey = await this.uploads.storeImportBody(call, Buffer.from(JSON.stringify(products)));
    return this.rpc.send(ImportSubjects.start, { ...options, sourceKey, format: 'json' }, call);
  }
}
