import { Controller } from '@nestjs/common';
import { type CompleteUploadRequest, type CreateDirectUploadDto, MediaSubjects } from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { DirectUploadsService } from './direct-uploads.service.js';

/** The direct upload subjects; only writers may upload. */
@Controller()
export class DirectUploadsHandlers {
  constructor(private readonly uploads: DirectUploadsService) {}

  @Handles(MediaSubjects.createUpload, 'write')
  create(@Context() context: RequestContext, @Data() data: CreateDirectUploadDto) {
    return this.uploads.create(context, data);
  }

  @Handles(MediaSubjects.completeUpload, 'write')
  complete(@Context() context: RequestContext, @Data() data: CompleteUploadRequest) {
    return this.uploads.complete(context, data);
  }
}
