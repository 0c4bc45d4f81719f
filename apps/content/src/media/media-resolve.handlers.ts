import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MediaResolveSubjects, type ReplyOf, ResolveMediaRequest, type RpcEnvelope } from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import { MediaResolverService } from './media-resolver.service.js';

/** `content.media.resolve`: media ids of the caller's workspace -> URLs for publishing. */
@Controller()
export class MediaResolveHandlers {
  constructor(private readonly resolver: MediaResolverService) {}

  @MessagePattern(MediaResolveSubjects.resolve)
  resolve(
    @Payload(new EnvelopePipe(ResolveMediaRequest)) envelope: RpcEnvelope<ResolveMediaRequest>,
  ): Promise<ReplyOf<typeof MediaResolveSubjects.resolve>> {
    return this.resolver.resolve(requirePrincipal(envelope), envelope.data.ids, envelope.data.preset);
  }
}
