import { Injectable } from '@nestjs/common';
import type { ConnectionEntity } from './connection.entity.js';
import { ConnectionsRepository } from './connections.repository.js';

/** What other parts of platform may read of a connection: one of a workspace by id, or all of them. */
@Injectable()
export class ConnectionsReader {
  constructor(private readonly repository: ConnectionsRepository) {}

  /** Null for an unknown id and for another workspace's connection alike. */
  findOne(workspaceId: string, id: string): Promise<ConnectionEntity | null> {
    return this.repository.findOne(workspaceId, id);
  }

  /** Every connection of the workspace, oldest first. */
  list(workspaceId: string): Promise<ConnectionEntity[]> {
    return this.repository.list(workspaceId);
  }
}
