import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { EventSubjects } from '@app/contracts';
import { Outbox, type RequestContext, systemContext } from '@app/messaging';
import { LOGGER } from '@app/observability';
import { TokenCipher } from '@app/security';
import { TransactionHost } from '@app/database';
import type { PublishCredentials, TokenSet } from '../providers/provider.js';
import { PublishError } from '../providers/provider.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import type { ConnectionEntity } from './connection.entity.js';
import { ConnectionsRepository } from './connections.repository.js';

/** Refresh this long before expiry, so a publish never starts with a token about to lapse. */
export const REFRESH_MARGIN_MS = 10 * 60_000;

/** Tokens of connections: sealing, refreshing before expiry, and the credentials a publish needs. */
@Injectable()
export class ConnectionTokensService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: ConnectionsRepository,
    private readonly providers: ProviderRegistry,
    private readonly cipher: TokenCipher,
    private readonly outbox: Outbox,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Writes a token set onto the entity, encrypted and bound to the connection's id. */
  seal(connection: ConnectionEntity, tokens: TokenSet): void {
    connection.accessTokenEnc = this.cipher.encrypt(tokens.accessToken, connection.id);
    // Platforms that rotate refresh tokens send a new one; others keep the old one valid.
    if (tokens.refreshToken)
      connection.refreshTokenEnc = this.cipher.encrypt(tokens.refreshToken, connection.id);
    connection.tokenExpiresAt = tokens.expiresAt;
    connection.scopes = tokens.scopes ?? connection.scopes;
    connection.status = 'active';
    connection.statusReason = null;
  }

  open(sealed: string | null, connectionId: string): string | null {
    return sealed === null ? null : this.cipher.decrypt(sealed, connectionId);
  }

  /** Credentials from a connection row already read; null when it is not active or its token needs a refresh. */
  credentialsOf(connection: ConnectionEntity): PublishCredentials | null {
    if (connection.status !== 'active' || isExpiring(connection)) return null;
    return this.unsealed(connection);
  }

  /**
   * Credentials for a call to the platform, refreshing the token first when it is about to expire; a refused
   * refresh is recorded in `context`'s request chain.
   */
  async credentialsFor(context: RequestContext, connectionId: string): Promise<PublishCredentials> {
    let connection = await this.repository.findById(connectionId);
    if (!connection) throw new PublishError('needs_reconnect', 'The connection was removed');
    if (isExpiring(connection)) connection = await this.refresh(context, connectionId);
    if (connection.status !== 'active')
      throw new PublishError(
        'needs_reconnect',
        connection.statusReason ?? 'The account needs to be reconnected',
      );
    return this.unsealed(connection);
  }

  /**
   * Refreshes under a row lock, so two processes never spend the same (rotating) refresh token; a refusal
   * marks the connection `needs_reconnect` and records platform.connection.expired.
   */
  async refresh(context: RequestContext, connectionId: string): Promise<ConnectionEntity> {
    return this.tx.run(async () => {
      const connection = await this.repository.findForUpdate(connectionId);
      if (!connection) throw new PublishError('needs_reconnect', 'The connection was removed');
      if (connection.status !== 'active' || !isExpiring(connection) || !connection.refreshTokenEnc)
        return connection;
      const refreshToken = this.open(connection.refreshTokenEnc, connection.id) as string;
      try {
        this.seal(connection, await this.providers.oauth(connection.platform).refresh(refreshToken));
      } catch (error) {
        if (!(error instanceof PublishError) || error.errorClass !== 'needs_reconnect') throw error;
        await this.markNeedsReconnect(context, connection, error.message);
      }
      return this.repository.save(connection);
    });
  }

  /** The refresh job: every active connection expiring soon, one at a time, each in a chain of its own. */
  async refreshExpiring(): Promise<number> {
    const expiring = await this.repository.expiring(new Date(Date.now() + REFRESH_MARGIN_MS));
    for (const { id, workspaceId } of expiring) {
      await this.refresh(systemContext(workspaceId), id).catch((error: unknown) =>
        this.logger.warn(
          { connectionId: id, reason: (error as Error).message },
          'Token refresh failed; will retry',
        ),
      );
    }
    return expiring.length;
  }

  /**
   * A platform refused the connection's token while publishing: it needs reconnecting (and
   * platform.connection.expired is recorded), unless it already does. Call inside the outcome's transaction.
   */
  async expire(context: RequestContext, connectionId: string, reason: string): Promise<void> {
    const connection = await this.repository.findForUpdate(connectionId);
    if (!connection || connection.status !== 'active') return;
    await this.markNeedsReconnect(context, connection, reason);
    await this.repository.save(connection);
  }

  private unsealed(connection: ConnectionEntity): PublishCredentials {
    return {
      accessToken: this.open(connection.accessTokenEnc, connection.id),
      accountId: connection.accountId,
      accountName: connection.accountName,
      webhookUrl: connection.webhookUrl,
      signingSecret: this.open(connection.signingSecretEnc, connection.id),
    };
  }

  private async markNeedsReconnect(
    context: RequestContext,
    connection: ConnectionEntity,
    reason: string,
  ): Promise<void> {
    connection.status = 'needs_reconnect';
    connection.statusReason = reason;
    await this.outbox.add(
      EventSubjects.connectionExpired,
      { connectionId: connection.id, platform: connection.platform, reason },
      { workspaceId: connection.workspaceId, correlationId: context.correlationId },
    );
  }
}

function isExpiring(connection: ConnectionEntity): boolean {
  return (
    connection.tokenExpiresAt !== null && connection.tokenExpiresAt.getTime() - Date.now() < REFRESH_MARGIN_MS
  );
}
