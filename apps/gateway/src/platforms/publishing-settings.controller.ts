import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PostSubjects, PublishingSettingsDto, type PublishingSettingsView } from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';

@ApiTags('posts')
@ApiBearerAuth()
@Controller('api/v1/publishing-settings')
export class PublishingSettingsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiErrors(401)
  get(@Call() call: CallContext): Promise<PublishingSettingsView> {
    return this.rpc.send(PostSubjects.getSettings, {}, call);
  }

  /** `requireReview: true` holds every new post for approval (owners and admins only). */
  @Put()
  @ApiErrors(400, 401, 403)
  update(@Body() body: PublishingSettingsDto, @Call() call: CallContext): Promise<PublishingSettingsView> {
    return this.rpc.send(PostSubjects.updateSettings, body, call);
  }
}
