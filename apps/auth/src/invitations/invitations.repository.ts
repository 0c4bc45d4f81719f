import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Role } from '@app/contracts';
import { TransactionHost } from '@app/database';
import { type InvitationDetails, InvitationEntity } from './invitation.entity.js';

export interface NewInvitation {
  workspaceId: string;
  email: string;
  role: Role;
  tokenHash: string;
  invitedById: string;
  expiresAt: Date;
}

// Open: neither accepted nor revoked (an expired one is open but refused).
const OPEN = 'invitation.acceptedAt IS NULL AND invitation.revokedAt IS NULL';

/** Every query on invitations. */
@Injectable()
export class InvitationsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Revokes the open invitation of this address to this workspace, if any: a new one replaces it. */
  async revokeOpenFor(workspaceId: string, email: string): Promise<void> {
    await this.tx.manager.query(
      `UPDATE invitations SET revoked_at = now()
       WHERE workspace_id = $1 AND lower(email) = lower($2) AND accepted_at IS NULL AND revoked_at IS NULL`,
      [workspaceId, email],
    );
  }

  async insert(invitation: NewInvitation): Promise<InvitationDetails> {
    const id = randomUUID();
    await this.tx.manager.getRepository(InvitationEntity).insert({ id, ...invitation });
    return this.findDetails({ id }) as Promise<InvitationDetails>;
  }

  /** The workspace's open, unexpired invitations, newest first. */
  listPending(workspaceId: string): Promise<InvitationDetails[]> {
    return this.details()
      .where('invitation.workspaceId = :workspaceId', { workspaceId })
      .andWhere(OPEN)
      .andWhere('invitation.expiresAt > now()')
      .orderBy('invitation.createdAt', 'DESC')
      .addOrderBy('invitation.id', 'ASC')
      .getMany() as Promise<InvitationDetails[]>;
  }

  /** The open invitation with this id in the workspace, or null. */
  findOpenInWorkspace(workspaceId: string, id: string): Promise<InvitationEntity | null> {
    return this.tx.manager
      .getRepository(InvitationEntity)
      .createQueryBuilder('invitation')
      .where('invitation.id = :id AND invitation.workspaceId = :workspaceId', { id, workspaceId })
      .andWhere(OPEN)
      .getOne();
  }

  /** The open, unexpired invitation of this token with its workspace and inviter; locked when `forUpdate`. */
  async findUsable(tokenHash: string, forUpdate = false): Promise<InvitationDetails | null> {
    if (forUpdate) {
      await this.tx.manager.query('SELECT id FROM invitations WHERE token_hash = $1 FOR UPDATE', [tokenHash]);
    }
    return this.details()
      .where('invitation.tokenHash = :tokenHash', { tokenHash })
      .andWhere(OPEN)
      .andWhere('invitation.expiresAt > now()')
      .getOne() as Promise<InvitationDetails | null>;
  }

  async markRevoked(id: string): Promise<void> {
    await this.tx.manager.getRepository(InvitationEntity).update({ id }, { revokedAt: () => 'now()' });
  }

  async markAccepted(id: string, userId: string): Promise<void> {
    await this.tx.manager
      .getRepository(InvitationEntity)
      .update({ id }, { acceptedAt: () => 'now()', acceptedById: userId });
  }

  private findDetails(where: { id: string }): Promise<InvitationDetails | null> {
    return this.details().where('invitation.id = :id', where).getOne() as Promise<InvitationDetails | null>;
  }

  private details() {
    return this.tx.manager
      .getRepository(InvitationEntity)
      .createQueryBuilder('invitation')
      .innerJoinAndSelect('invitation.workspace', 'workspace')
      .leftJoinAndSelect('invitation.invitedBy', 'inviter');
  }
}
