import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { Role } from '@app/contracts';
import { isUniqueViolation, TransactionHost } from '@app/database';
import { UserEntity } from '../accounts/user.entity.js';
import { ApiKeyEntity } from './api-key.entity.js';

const NAME_UNIQUE = 'api_keys_workspace_name_key';
/** lastUsedAt is kept to the minute: a key used all day costs one write a minute, not one per request. */
const LAST_USED_RESOLUTION = "interval '1 minute'";

export type NewApiKey = Pick<
  ApiKeyEntity,
  'id' | 'workspaceId' | 'createdBy' | 'name' | 'prefix' | 'keyHash' | 'role' | 'expiresAt'
>;

/** An active key with the name of the member it acts as. */
export type ApiKeyWithCreator = ApiKeyEntity & { creatorName: string };

/** A key found by its hash, with its creator's current role in the key's workspace (null: no longer a member). */
export type ApiKeyWithMemberRole = ApiKeyEntity & { memberRole: Role | null };

/** Every query on API keys. */
@Injectable()
export class ApiKeysRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Stores a key; false when the workspace already has an active key of that name. */
  async insert(key: NewApiKey): Promise<boolean> {
    try {
      await this.tx.manager.getRepository(ApiKeyEntity).insert(key);
      return true;
    } catch (error) {
      if (isUniqueViolation(error, NAME_UNIQUE)) return false;
      throw error;
    }
  }

  /** The workspace's keys that are not revoked (expired ones included), newest first. */
  async listActive(workspaceId: string): Promise<ApiKeyWithCreator[]> {
    const rows = await this.tx.manager
      .getRepository(ApiKeyEntity)
      .createQueryBuilder('api_key')
      .innerJoin(UserEntity, 'creator', 'creator.id = api_key.createdBy')
      .addSelect('creator.name', 'creator_name')
      .where({ workspaceId, revokedAt: IsNull() })
      .orderBy('api_key.createdAt', 'DESC')
      .addOrderBy('api_key.id', 'ASC')
      .getRawAndEntities<{ creator_name: string }>();
    return rows.entities.map((key, index) => ({ ...key, creatorName: rows.raw[index].creator_name }));
  }

  /** One active key of the workspace with its creator's name, or null. */
  async findActive(workspaceId: string, id: string): Promise<ApiKeyWithCreator | null> {
    const key = await this.tx.manager
      .getRepository(ApiKeyEntity)
      .findOneBy({ id, workspaceId, revokedAt: IsNull() });
    if (!key) return null;
    const creator = await this.tx.manager.getRepository(UserEntity).findOneByOrFail({ id: key.createdBy });
    return { ...key, creatorName: creator.name };
  }

  /** Revokes an active key of the workspace; false when there is none with that id. */
  async revoke(workspaceId: string, id: string): Promise<boolean> {
    const result = await this.tx.manager
      .getRepository(ApiKeyEntity)
      .update({ id, workspaceId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    return result.affected === 1;
  }

  /** The key with this hash (revoked and expired ones too, so the caller can say why it fails), in one query. */
  async findByHash(keyHash: string): Promise<ApiKeyWithMemberRole | null> {
    const rows = await this.tx.manager
      .getRepository(ApiKeyEntity)
      .createQueryBuilder('api_key')
      .leftJoin(
        'workspace_members',
        'member',
        'member.workspace_id = api_key.workspace_id AND member.user_id = api_key.created_by',
      )
      .addSelect('member.role', 'member_role')
      .where({ keyHash })
      .getRawAndEntities<{ member_role: Role | null }>();
    const key = rows.entities[0];
    return key ? { ...key, memberRole: rows.raw[0].member_role } : null;
  }

  /** Records a use, unless one was recorded within the last minute (then nothing is written). */
  async touchLastUsed(id: string): Promise<void> {
    await this.tx.manager.query(
      `UPDATE api_keys SET last_used_at = now()
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - ${LAST_USED_RESOLUTION})`,
      [id],
    );
  }
}
