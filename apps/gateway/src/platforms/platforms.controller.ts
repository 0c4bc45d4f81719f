import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ConnectionSubjects, type PlatformView } from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';

@ApiTags('connections')
@ApiBearerAuth()
@Controller('api/v1/platforms')
export class PlatformsController {
  constructor(private readonly rpc: RpcClient) {}

  /** What can be connected, with capabilities, limits and whether this server is configured for it. */
  @Get()
  @ApiErrors(401)
  list(@Call() call: CallContext): Promise<PlatformView[]> {
    return this.rpc.send(ConnectionSubjects.listPlatforms, {}, call);
  }
}
