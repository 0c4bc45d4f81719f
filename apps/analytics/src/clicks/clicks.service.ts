import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '@app/observability';
import { ClicksRepository } from './clicks.repository.js';
import { isClickRecord } from './click-shape.js';

/** Stores clicks handed over by the gateways' click queues, whichever transport carried them. */
@Injectable()
export class ClicksService {
  constructor(
    private readonly clicks: ClicksRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Stores the well-formed clicks of the batch once each; malformed ones are logged and dropped. */
  async ingest(batch: unknown[]): Promise<number> {
    const valid = batch.filter(isClickRecord);
    if (valid.length < batch.length) {
      this.logger.warn({ dropped: batch.length - valid.length }, 'Malformed click records dropped');
    }
    return this.clicks.ingest(valid);
  }
}
