import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  type IngestClicksReply,
  type IngestClicksRequest,
  LinkSubjects,
  type RpcEnvelope,
} from '@app/contracts';
import { EnvelopePipe } from '@app/messaging';
import { ClicksService } from './clicks.service.js';

@Controller()
export class ClicksHandlers {
  constructor(private readonly clicks: ClicksService) {}

  /** Standalone mode's click queue delivers here; the records are checked one by one by the service. */
  @MessagePattern(LinkSubjects.ingestClicks)
  async ingest(
    @Payload(new EnvelopePipe()) envelope: RpcEnvelope<IngestClicksRequest>,
  ): Promise<IngestClicksReply> {
    const clicks: unknown = envelope.data?.clicks;
    return { stored: await this.clicks.ingest(Array.isArray(clicks) ? clicks : []) };
  }
}
