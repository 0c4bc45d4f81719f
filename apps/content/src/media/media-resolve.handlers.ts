import { Controller } from '@nestjs/common';
import { MediaResolveSubjects, type ResolveMediaRequest } from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { MediaResolverService } from './media-resolver.service.js';

/** `content.media.resolve`: media ids of the caller's workspace -> URLs for publishing. */
@Controller()
export class MediaResolveHandlers {
  constructor(private readonly resolver: MediaResolverService) {}

  @Handles(MediaResolveSubjects.resolve, 'read')
  resolve(@Context() context: RequestContext, @Data() data: ResolveMediaRequest) {
    return this.resolver.resolve(context.principal, data.ids, data.preset);
  }
}
