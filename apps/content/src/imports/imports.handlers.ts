import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ImportIdParams,
  ImportSubjects,
  PrefillFromUrlDto,
  type ReplyOf,
  type RpcEnvelope,
  StartImportRequest,
} from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import type { Caller } from '../products/products.service.js';
import { ImportImageRetries } from './import-image-retries.js';
import { ImportsService } from './imports.service.js';
import { ProductPrefillService } from './product-prefill.service.js';

/** The import subjects on the bus; each validates its envelope and hands over to its service. */
@Controller()
export class ImportsHandlers {
  constructor(
    private readonly imports: ImportsService,
    private readonly prefills: ProductPrefillService,
    private readonly imageRetries: ImportImageRetries,
  ) {}

  @MessagePattern(ImportSubjects.start)
  start(
    @Payload(new EnvelopePipe(StartImportRequest)) envelope: RpcEnvelope<StartImportRequest>,
  ): Promise<ReplyOf<typeof ImportSubjects.start>> {
    return this.imports.start(callerOf(envelope), envelope.data);
  }

  @MessagePattern(ImportSubjects.get)
  get(
    @Payload(new EnvelopePipe(ImportIdParams)) envelope: RpcEnvelope<ImportIdParams>,
  ): Promise<ReplyOf<typeof ImportSubjects.get>> {
    return this.imports.get(callerOf(envelope), envelope.data.id);
  }

  @MessagePattern(ImportSubjects.retryImages)
  retryImages(
    @Payload(new EnvelopePipe(ImportIdParams)) envelope: RpcEnvelope<ImportIdParams>,
  ): Promise<ReplyOf<typeof ImportSubjects.retryImages>> {
    return this.imageRetries.retry(callerOf(envelope), envelope.data.id);
  }

  @MessagePattern(ImportSubjects.prefillFromUrl)
  prefill(
    @Payload(new EnvelopePipe(PrefillFromUrlDto)) envelope: RpcEnvelope<PrefillFromUrlDto>,
  ): Promise<ReplyOf<typeof ImportSubjects.prefillFromUrl>> {
    requirePrincipal(envelope);
    return this.prefills.prefill(envelope.data);
  }
}

function callerOf(envelope: RpcEnvelope<unknown>): Caller {
  return { principal: requirePrincipal(envelope), correlationId: envelope.correlationId };
}
