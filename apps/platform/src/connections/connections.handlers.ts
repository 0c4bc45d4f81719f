import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ConnectionIdParams,
  ConnectionSubjects,
  CreateConnectionDto,
  OAuthCallbackRequest,
  PlatformParams,
  type ReplyOf,
  type RpcEnvelope,
  UpdateConnectionRequest,
} from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import { ConnectionsService } from './connections.service.js';

/** The connection subjects; each validates its envelope and hands over to ConnectionsService. */
@Controller()
export class ConnectionsHandlers {
  constructor(private readonly connections: ConnectionsService) {}

  @MessagePattern(ConnectionSubjects.listPlatforms)
  listPlatforms(
    @Payload(new EnvelopePipe()) envelope: RpcEnvelope<unknown>,
  ): ReplyOf<typeof ConnectionSubjects.listPlatforms> {
    requirePrincipal(envelope);
    return this.connections.listPlatforms();
  }

  @MessagePattern(ConnectionSubjects.authorize)
  authorize(
    @Payload(new EnvelopePipe(PlatformParams)) envelope: RpcEnvelope<PlatformParams>,
  ): Promise<ReplyOf<typeof ConnectionSubjects.authorize>> {
    return this.connections.authorize(requirePrincipal(envelope), envelope.data.platform);
  }

  /** Reached from the user's browser without an access token: the signed state says who it is. */
  @MessagePattern(ConnectionSubjects.callback)
  callback(
    @Payload(new EnvelopePipe(OAuthCallbackRequest)) envelope: RpcEnvelope<OAuthCallbackRequest>,
  ): Promise<ReplyOf<typeof ConnectionSubjects.callback>> {
    return this.connections.callback(envelope.data);
  }

  @MessagePattern(ConnectionSubjects.create)
  create(
    @Payload(new EnvelopePipe(CreateConnectionDto)) envelope: RpcEnvelope<CreateConnectionDto>,
  ): Promise<ReplyOf<typeof ConnectionSubjects.create>> {
    return this.connections.create(requirePrincipal(envelope), envelope.data);
  }

  @MessagePattern(ConnectionSubjects.list)
  list(
    @Payload(new EnvelopePipe()) envelope: RpcEnvelope<unknown>,
  ): Promise<ReplyOf<typeof ConnectionSubjects.list>> {
    return this.connections.list(requirePrincipal(envelope));
  }

  @MessagePattern(ConnectionSubjects.update)
  update(
    @Payload(new EnvelopePipe(UpdateConnectionRequest)) envelope: RpcEnvelope<UpdateConnectionRequest>,
  ): Promise<ReplyOf<typeof ConnectionSubjects.update>> {
    return this.connections.update(requirePrincipal(envelope), envelope.data.id, envelope.data.patch);
  }

  @MessagePattern(ConnectionSubjects.delete)
  delete(
    @Payload(new EnvelopePipe(ConnectionIdParams)) envelope: RpcEnvelope<ConnectionIdParams>,
  ): Promise<ReplyOf<typeof ConnectionSubjects.delete>> {
    return this.connections.delete(requirePrincipal(envelope), envelope.data.id);
  }
}
