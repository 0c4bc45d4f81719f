import { Module } from '@nestjs/common';
import { ProvidersModule } from '../providers/providers.module.js';
import { TokenCipherModule } from '../token-cipher/token-cipher.module.js';
import { ConnectionBoardsHandlers } from './connection-boards.handlers.js';
import { ConnectionBoardsService } from './connection-boards.service.js';
import { ConnectionTokensService } from './connection-tokens.service.js';
import { ConnectionsHandlers } from './connections.handlers.js';
import { ConnectionsReader } from './connections.reader.js';
import { ConnectionsRepository } from './connections.repository.js';
import { ConnectionsService } from './connections.service.js';
import { ConnectionsWorker } from './connections-worker.js';

/**
 * Connected accounts: OAuth and direct connections, their encrypted tokens and boards. Others read a
 * connection through ConnectionsReader and get credentials (or expire a connection) through the tokens service.
 */
@Module({
  imports: [ProvidersModule, TokenCipherModule],
  controllers: [ConnectionsHandlers, ConnectionBoardsHandlers],
  providers: [
    ConnectionsRepository,
    ConnectionsReader,
    ConnectionTokensService,
    ConnectionsService,
    ConnectionBoardsService,
    ConnectionsWorker,
  ],
  exports: [ConnectionsReader, ConnectionTokensService],
})
export class ConnectionsModule {}
