import { Controller } from '@nestjs/common';
import {
  type ApiKeyParams,
  ApiKeySubjects,
  type CreateApiKeyDto,
  type VerifyApiKeyRequest,
} from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { ApiKeysService } from './api-keys.service.js';

/** `manage` is checked against the caller's role now (this module provides CURRENT_ROLE). */
@Controller()
export class ApiKeysHandlers {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Handles(ApiKeySubjects.create, 'manage')
  create(@Context() context: RequestContext, @Data() data: CreateApiKeyDto) {
    return this.apiKeys.create(context, data);
  }

  @Handles(ApiKeySubjects.list, 'read')
  list(@Context() context: RequestContext) {
    return this.apiKeys.list(context);
  }

  @Handles(ApiKeySubjects.revoke, 'manage')
  revoke(@Context() context: RequestContext, @Data() data: ApiKeyParams) {
    return this.apiKeys.revoke(context, data.id);
  }

  /** Public: the gateway asks before it has a principal; only the gateway may publish requests on the bus. */
  @Handles(ApiKeySubjects.verify, 'public')
  verify(@Data() data: VerifyApiKeyRequest) {
    return this.apiKeys.verify(data.apiKey);
  }
}
