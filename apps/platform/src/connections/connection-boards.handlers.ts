import { Controller } from '@nestjs/common';
import { type ConnectionIdParams, ConnectionSubjects } from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { ConnectionBoardsService } from './connection-boards.service.js';

/** platform.connection.boards: the boards of a connected account, for choosing `options.boardId`. */
@Controller()
export class ConnectionBoardsHandlers {
  constructor(private readonly boards: ConnectionBoardsService) {}

  @Handles(ConnectionSubjects.boards, 'read')
  list(@Context() context: RequestContext, @Data() data: ConnectionIdParams) {
    return this.boards.list(context, data.id);
  }
}
