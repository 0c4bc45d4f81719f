import { Controller } from '@nestjs/common';
import { type PostImportIdParams, PostImportSubjects, type StartPostImportRequest } from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { PostImportsService } from './post-imports.service.js';

/** The posts import subjects on the bus, handed over to PostImportsService. */
@Controller()
export class PostImportsHandlers {
  constructor(private readonly imports: PostImportsService) {}

  @Handles(PostImportSubjects.start, 'write')
  start(@Context() context: RequestContext, @Data() data: StartPostImportRequest) {
    return this.imports.start(context, data);
  }

  @Handles(PostImportSubjects.get, 'read')
  get(@Context() context: RequestContext, @Data() data: PostImportIdParams) {
    return this.imports.get(context, data.id);
  }
}
