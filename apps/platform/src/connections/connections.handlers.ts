import { Controller } from '@nestjs/common';
import {
  type ConnectionIdParams,
  ConnectionSubjects,
  type CreateConnectionDto,
  type OAuthCallbackRequest,
  type PlatformParams,
  type UpdateConnectionRequest,
} from '@app/contracts';
import { type CallContext, Context, Data, Handles, type RequestContext } from '@app/messaging';
import { ConnectionsService } from './connections.service.js';

/** The connection subjects, handed over to ConnectionsService. */
@Controller()
export class ConnectionsHandlers {
  constructor(private readonly connections: ConnectionsService) {}

  @Handles(ConnectionSubjects.listPlatforms, 'read')
  listPlatforms() {
    return this.connections.listPlatforms();
  }

  @Handles(ConnectionSubjects.authorize, 'write')
  authorize(@Context() context: RequestContext, @Data() data: PlatformParams) {
    return this.connections.authorize(context, data.platform);
  }

  /** Reached from the user's browser without an access token: the signed state says who it is. */
  @Handles(ConnectionSubjects.callback, 'public')
  callback(@Context() context: CallContext, @Data() data: OAuthCallbackRequest) {
    return this.connections.callback(context, data);
  }

  @Handles(ConnectionSubjects.create, 'write')
  create(@Context() context: RequestContext, @Data() data: CreateConnectionDto) {
    return this.connections.create(context, data);
  }

  @Handles(ConnectionSubjects.list, 'read')
  list(@Context() context: RequestContext) {
    return this.connections.list(context);
  }

  @Handles(ConnectionSubjects.update, 'write')
  update(@Context() context: RequestContext, @Data() data: UpdateConnectionRequest) {
    return this.connections.update(context, data.id, data.patch);
  }

  @Handles(ConnectionSubjects.delete, 'write')
  async delete(@Context() context: RequestContext, @Data() data: ConnectionIdParams) {
    await this.connections.delete(context, data.id);
    return {};
  }
}
