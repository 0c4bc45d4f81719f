import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CopyIdParams,
  CopySettingsDto,
  CopySubjects,
  GenerateCopyRequest,
  PreviewCopyDto,
  ProductIdParams,
  type ReplyOf,
  type RpcEnvelope,
  UpdateCopyRequest,
} from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import type { Caller } from '../products/products.service.js';
import { CopySettingsService } from './copy-settings.service.js';
import { CopyService } from './copy.service.js';

/** The copy subjects on the bus; each validates its envelope and hands over to CopyService. */
@Controller()
export class CopyHandlers {
  constructor(
    private readonly copy: CopyService,
    private readonly settings: CopySettingsService,
  ) {}

  @MessagePattern(CopySubjects.generate)
  generate(
    @Payload(new EnvelopePipe(GenerateCopyRequest)) envelope: RpcEnvelope<GenerateCopyRequest>,
  ): Promise<ReplyOf<typeof CopySubjects.generate>> {
    return this.copy.generate(callerOf(envelope), envelope.data.productId, envelope.data.options);
  }

  @MessagePattern(CopySubjects.listForProduct)
  list(
    @Payload(new EnvelopePipe(ProductIdParams)) envelope: RpcEnvelope<ProductIdParams>,
  ): Promise<ReplyOf<typeof CopySubjects.listForProduct>> {
    return this.copy.listForProduct(callerOf(envelope), envelope.data.id);
  }

  @MessagePattern(CopySubjects.get)
  get(
    @Payload(new EnvelopePipe(CopyIdParams)) envelope: RpcEnvelope<CopyIdParams>,
  ): Promise<ReplyOf<typeof CopySubjects.get>> {
    return this.copy.get(callerOf(envelope), envelope.data.id);
  }

  @MessagePattern(CopySubjects.update)
  update(
    @Payload(new EnvelopePipe(UpdateCopyRequest)) envelope: RpcEnvelope<UpdateCopyRequest>,
  ): Promise<ReplyOf<typeof CopySubjects.update>> {
    return this.copy.update(callerOf(envelope), envelope.data.id, envelope.data.patch);
  }

  @MessagePattern(CopySubjects.preview)
  preview(
    @Payload(new EnvelopePipe(PreviewCopyDto)) envelope: RpcEnvelope<PreviewCopyDto>,
  ): ReplyOf<typeof CopySubjects.preview> {
    requirePrincipal(envelope);
    return this.copy.preview(envelope.data);
  }

  @MessagePattern(CopySubjects.getSettings)
  getSettings(
    @Payload(new EnvelopePipe()) envelope: RpcEnvelope<unknown>,
  ): Promise<ReplyOf<typeof CopySubjects.getSettings>> {
    return this.settings.get(callerOf(envelope).principal.workspaceId);
  }

  @MessagePattern(CopySubjects.updateSettings)
  updateSettings(
    @Payload(new EnvelopePipe(CopySettingsDto)) envelope: RpcEnvelope<CopySettingsDto>,
  ): Promise<ReplyOf<typeof CopySubjects.updateSettings>> {
    return this.settings.put(callerOf(envelope), envelope.data);
  }
}

function callerOf(envelope: RpcEnvelope<unknown>): Caller {
  return { principal: requirePrincipal(envelope), correlationId: envelope.correlationId };
}
