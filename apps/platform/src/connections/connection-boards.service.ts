import { Injectable } from '@nestjs/common';
import {
  type BoardView,
  ConflictError,
  InvalidError,
  NotFoundError,
  RateLimitedError,
  UpstreamError,
} from '@app/contracts';
import type { RequestContext } from '@app/messaging';
import { PublishError } from '../providers/provider.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { ConnectionsRepository } from './connections.repository.js';
import { ConnectionTokensService } from './connection-tokens.service.js';

/** The boards of a connected account (Pinterest), read live from the platform for the board picker. */
@Injectable()
export class ConnectionBoardsService {
  constructor(
    private readonly repository: ConnectionsRepository,
    private readonly tokens: ConnectionTokensService,
    private readonly providers: ProviderRegistry,
  ) {}

  /** Another workspace's connection is a 404, like one that does not exist. */
  async list(context: RequestContext, connectionId: string): Promise<BoardView[]> {
    const connection = await this.repository.findOne(context.principal.workspaceId, connectionId);
    if (!connection) throw new NotFoundError('Connection');
    const provider = this.providers.get(connection.platform);
    if (!provider.listBoards)
      throw new InvalidError(`${provider.describe().name} connections have no boards`);
    try {
      return await provider.listBoards(await this.tokens.credentialsFor(context, connection.id));
    } catch (error) {
      throw asDomainError(error);
    }
  }
}

/** A platform failure as the API answer it deserves: reconnect (409), slow down (429) or upstream (502). */
function asDomainError(error: unknown): unknown {
  if (!(error instanceof PublishError)) return error;
  if (error.errorClass === 'needs_reconnect') return new ConflictError(error.message);
  if (error.errorClass === 'rate_limited') {
    const waitMs = error.retryAt ? error.retryAt.getTime() - Date.now() : 60_000;
    return new RateLimitedError(error.message, Math.max(1, Math.ceil(waitMs / 1000)));
  }
  return new UpstreamError(error.message);
}
