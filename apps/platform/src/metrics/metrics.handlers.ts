import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PostParams, PostSubjects, type ReplyOf, type RpcEnvelope } from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import { MetricsRefreshService } from './metrics-refresh.service.js';

/** The metrics subjects of posts. */
@Controller()
export class MetricsHandlers {
  constructor(private readonly refresher: MetricsRefreshService) {}

  @MessagePattern(PostSubjects.refreshMetrics)
  refresh(
    @Payload(new EnvelopePipe(PostParams)) envelope: RpcEnvelope<PostParams>,
  ): Promise<ReplyOf<typeof PostSubjects.refreshMetrics>> {
    return this.refresher.refresh(requirePrincipal(envelope), envelope.data.id);
  }
}
