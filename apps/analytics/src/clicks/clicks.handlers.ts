import { Controller } from '@nestjs/common';
import { type IngestClicksRequest, LinkSubjects } from '@app/contracts';
import { Data, Handles } from '@app/messaging';
import { ClicksService } from './clicks.service.js';

@Controller()
export class ClicksHandlers {
  constructor(private readonly clicks: ClicksService) {}

  /** Standalone mode's click queue delivers here; the records are checked one by one by the service. */
  @Handles(LinkSubjects.ingestClicks, 'public')
  async ingest(@Data() data: IngestClicksRequest | undefined) {
    const clicks: unknown = data?.clicks;
    return { stored: await this.clicks.ingest(Array.isArray(clicks) ? clicks : []) };
  }
}
