import { Controller } from '@nestjs/common';
import {
  type CopyIdParams,
  type CopySettingsDto,
  CopySubjects,
  type GenerateCopyRequest,
  type PreviewCopyDto,
  type ProductIdParams,
  type UpdateCopyRequest,
} from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { CopySettingsService } from './copy-settings.service.js';
import { CopyService } from './copy.service.js';

/** The copy subjects on the bus, handed over to CopyService and CopySettingsService. */
@Controller()
export class CopyHandlers {
  constructor(
    private readonly copy: CopyService,
    private readonly settings: CopySettingsService,
  ) {}

  @Handles(CopySubjects.generate, 'write')
  generate(@Context() context: RequestContext, @Data() data: GenerateCopyRequest) {
    return this.copy.generate(context, data.productId, data.options);
  }

  @Handles(CopySubjects.listForProduct, 'read')
  list(@Context() context: RequestContext, @Data() data: ProductIdParams) {
    return this.copy.listForProduct(context, data.id);
  }

  @Handles(CopySubjects.get, 'read')
  get(@Context() context: RequestContext, @Data() data: CopyIdParams) {
    return this.copy.get(context, data.id);
  }

  @Handles(CopySubjects.update, 'write')
  update(@Context() context: RequestContext, @Data() data: UpdateCopyRequest) {
    return this.copy.update(context, data.id, data.patch);
  }

  @Handles(CopySubjects.preview, 'read')
  preview(@Data() data: PreviewCopyDto) {
    return this.copy.preview(data);
  }

  @Handles(CopySubjects.getSettings, 'read')
  getSettings(@Context() context: RequestContext) {
    return this.settings.get(context.principal.workspaceId);
  }

  @Handles(CopySubjects.updateSettings, 'write')
  updateSettings(@Context() context: RequestContext, @Data() data: CopySettingsDto) {
    return this.settings.put(context, data);
  }
}
