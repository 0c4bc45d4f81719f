import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionHost } from '@app/database';
import { PostTargetEntity } from '../posts/post.entity.js';
import { ConnectionEntity } from './connection.entity.js';

export interface OAuthStateRow {
  workspaceId: string;
  userId: string;
  platform: string;
  codeVerifierEnc: string;
}

/**
 * Every query on platform.connections and platform.oauth_states, and the cancelling of a removed connection's
 * targets; each bound to a workspace or a state id.
 */
@Injectable()
export class ConnectionsRepository {
  constructor(private readonly tx: TransactionHost) {}

  findOne(workspaceId: string, id: string) {
    return this.tx.manager.findOneBy(ConnectionEntity, { workspaceId, id });
  }

  /** Locks the row: token refresh and dispatch of one connection run one at a time across processes. */
  findForUpdate(id: string): Promise<ConnectionEntity | null> {
    return this.tx.manager
      .createQueryBuilder(ConnectionEntity, 'c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id })
      .getOne();
  }

  findById(id: string): Promise<ConnectionEntity | null> {
    return this.tx.manager.findOneBy(ConnectionEntity, { id });
  }

  list(workspaceId: string): Promise<ConnectionEntity[]> {
    return this.tx.manager.find(ConnectionEntity, {
      where: { workspaceId },
      order: { createdAt: 'ASC' },
    });
  }

  findByAccount(workspaceId: string, platform: string, accountId: string) {
    return this.tx.manager.findOneBy(ConnectionEntity, {
      workspaceId,
      platform: platform as ConnectionEntity['platform'],
      accountId,
    });
  }

  save(connection: ConnectionEntity): Promise<ConnectionEntity> {
    connection.updatedAt = new Date();
    return this.tx.manager.save(ConnectionEntity, connection);
  }

  /** Cancels the connection's post targets that have not started publishing (before it is deleted). */
  async cancelOpenTargets(workspaceId: string, connectionId: string, reason: string): Promise<void> {
    await this.tx.manager.update(
      PostTargetEntity,
      { workspaceId, connectionId, status: In(['draft', 'needs_review', 'approved', 'scheduled', 'paused']) },
      { status: 'cancelled', holdReason: reason, updatedAt: new Date() },
    );
  }

  async delete(workspaceId: string, id: string): Promise<void> {
    await this.tx.manager.delete(ConnectionEntity, { workspaceId, id });
  }

  /** Active connections whose access token expires before `before` and can be refreshed. */
  async expiring(before: Date): Promise<Array<{ id: string; workspaceId: string }>> {
    const rows: Array<{ id: string; workspace_id: string }> = await this.tx.manager.query(
      `SELECT id, workspace_id FROM connections
       WHERE status = 'active' AND refresh_token_enc IS NOT NULL AND token_expires_at < $1
       ORDER BY token_expires_at LIMIT 500`,
      [before],
    );
    return rows.map((row) => ({ id: row.id, workspaceId: row.workspace_id }));
  }

  async insertState(id: string, row: OAuthStateRow, expiresAt: Date): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO oauth_states (id, workspace_id, user_id, platform, code_verifier_enc, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, row.workspaceId, row.userId, row.platform, row.codeVerifierEnc, expiresAt],
    );
  }

  /** Marks the state used and returns it, only if unused and unexpired: a state works once. */
  async consumeState(id: string, platform: string): Promise<OAuthStateRow | null> {
    const [rows]: [Array<Record<string, string>>] = await this.tx.manager.query(
      `UPDATE oauth_states SET used_at = now()
       WHERE id = $1 AND platform = $2 AND used_at IS NULL AND expires_at > now()
       RETURNING workspace_id, user_id, platform, code_verifier_enc`,
      [id, platform],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      workspaceId: row.workspace_id,
      userId: row.user_id,
      platform: row.platform,
      codeVerifierEnc: row.code_verifier_enc,
    };
  }

  /** Old states are useless; keeps the table small. */
  async purgeStates(): Promise<void> {
    await this.tx.manager.query(`DELETE FROM oauth_states WHERE expires_at < now() - interval '1 day'`);
  }
}
