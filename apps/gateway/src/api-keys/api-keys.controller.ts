import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  ApiKeyParams,
  ApiKeySubjects,
  type ApiKeyView,
  CreateApiKeyDto,
  type CreatedApiKeyView,
} from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';
import { SessionOnly } from '../http/session-only.decorator.js';

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(private readonly rpc: RpcClient) {}

  /** Creates an API key with at most your role (owners and admins); the answer shows the key this once. */
  @Post()
  @SessionOnly()
  @ApiErrors(400, 401, 403, 409)
  create(@Body() body: CreateApiKeyDto, @Call() call: CallContext): Promise<CreatedApiKeyView> {
    return this.rpc.send(ApiKeySubjects.create, body, call);
  }

  /** The workspace's API keys that are not revoked, newest first (never the keys themselves). */
  @Get()
  @ApiErrors(401)
  list(@Call() call: CallContext): Promise<ApiKeyView[]> {
    return this.rpc.send(ApiKeySubjects.list, {}, call);
  }

  /** Revokes a key: every gateway refuses it within 5 seconds (owners and admins; not with an API key). */
  @Delete(':id')
  @HttpCode(204)
  @SessionOnly()
  @ApiErrors(400, 401, 403, 404)
  async revoke(@Param() params: ApiKeyParams, @Call() call: CallContext): Promise<void> {
    await this.rpc.send(ApiKeySubjects.revoke, params, call);
  }
}
