import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ConnectionIdParams, ConnectionSubjects, type ReplyOf, type RpcEnvelope } from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import { ConnectionBoardsService } from './connection-boards.service.js';

/** platform.connection.boards: the boards of a connected account, for choosing `options.boardId`. */
@Controller()
export class ConnectionBoardsHandlers {
  constructor(private readonly boards: ConnectionBoardsService) {}

  @MessagePattern(ConnectionSubjects.boards)
  list(
    @Payload(new EnvelopePipe(ConnectionIdParams)) envelope: RpcEnvelope<ConnectionIdParams>,
  ): Promise<ReplyOf<typeof ConnectionSubjects.boards>> {
    return this.boards.list(requirePrincipal(envelope), envelope.data.id);
  }
}
