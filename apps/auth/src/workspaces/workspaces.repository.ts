import { Injectable } from '@nestjs/common';
import type { Role } from '@app/contracts';
import { IsNull } from 'typeorm';
import { TransactionHost } from '@app/database';
import { RefreshTokenEntity } from '../sessions/refresh-token.entity.js';
import {
  type MembershipDetails,
  MembershipEntity,
  type MembershipWithUser,
  type MembershipWithWorkspace,
} from './membership.entity.js';
import { WorkspaceEntity } from './workspace.entity.js';

/** Every query on workspaces and their members. */
@Injectable()
export class WorkspacesRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insertWorkspace(id: string, name: string): Promise<WorkspaceEntity> {
    await this.tx.manager.getRepository(WorkspaceEntity).insert({ id, name });
    return this.tx.manager.getRepository(WorkspaceEntity).findOneByOrFail({ id });
  }

  /** Adds a membership; false when the user already belongs to the workspace. */
  async insertMember(workspaceId: string, userId: string, role: Role): Promise<boolean> {
    const rows: unknown[] = await this.tx.manager.query(
      `INSERT INTO workspace_members (workspace_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (workspace_id, user_id) DO NOTHING RETURNING user_id`,
      [workspaceId, userId, role],
    );
    return rows.length > 0;
  }

  /** The membership with its user and workspace loaded, or null. */
  findMember(workspaceId: string, userId: string): Promise<MembershipDetails | null> {
    return this.tx.manager.getRepository(MembershipEntity).findOne({
      where: { workspaceId, userId },
      relations: { user: true, workspace: true },
    }) as Promise<MembershipDetails | null>;
  }

  /** The user's role in the workspace, or null when not a member. */
  async findRole(workspaceId: string, userId: string): Promise<Role | null> {
    const membership = await this.tx.manager
      .getRepository(MembershipEntity)
      .findOne({ where: { workspaceId, userId }, select: { role: true, workspaceId: true, userId: true } });
    return membership?.role ?? null;
  }

  /** The user's oldest membership, the workspace a fresh sign-in lands in. */
  findFirstMembership(userId: string): Promise<MembershipEntity | null> {
    return this.tx.manager.getRepository(MembershipEntity).findOne({
      where: { userId },
      order: { createdAt: 'ASC', workspaceId: 'ASC' },
    });
  }

  /** The user's memberships with their workspaces, oldest first. */
  listMembershipsOfUser(userId: string): Promise<MembershipWithWorkspace[]> {
    return this.tx.manager.getRepository(MembershipEntity).find({
      where: { userId },
      relations: { workspace: true },
      order: { createdAt: 'ASC', workspaceId: 'ASC' },
    }) as Promise<MembershipWithWorkspace[]>;
  }

  /** The workspace's members with their users, in joining order. */
  listMembers(workspaceId: string): Promise<MembershipWithUser[]> {
    return this.tx.manager.getRepository(MembershipEntity).find({
      where: { workspaceId },
      relations: { user: true },
      order: { createdAt: 'ASC', userId: 'ASC' },
    }) as Promise<MembershipWithUser[]>;
  }

  async updateRole(workspaceId: string, userId: string, role: Role): Promise<void> {
    await this.tx.manager.getRepository(MembershipEntity).update({ workspaceId, userId }, { role });
  }

  async deleteMember(workspaceId: string, userId: string): Promise<void> {
    await this.tx.manager.getRepository(MembershipEntity).delete({ workspaceId, userId });
  }

  /** Revokes the user's refresh tokens for this workspace, so a removed member cannot mint new access tokens for it. */
  async revokeRefreshTokens(workspaceId: string, userId: string): Promise<void> {
    await this.tx.manager
      .getRepository(RefreshTokenEntity)
      .update({ workspaceId, userId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }

  /** Serialises membership changes of one workspace until the transaction ends. */
  async lockWorkspace(workspaceId: string): Promise<void> {
    await this.tx.manager.query('SELECT id FROM workspaces WHERE id = $1 FOR UPDATE', [workspaceId]);
  }

  countOwners(workspaceId: string): Promise<number> {
    return this.tx.manager.getRepository(MembershipEntity).countBy({ workspaceId, role: 'owner' });
  }
}
