import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { isUniqueViolation, TransactionHost } from '@app/database';
import { LinkEntity } from './link.entity.js';

export interface LinkListFilter {
  limit: number;
  productId?: string;
  postId?: string;
}

const CODE_UNIQUE = 'links_code_unique';

/** Every query on analytics.links; each one but the code lookup of the redirect is bound to a workspace. */
@Injectable()
export class LinksRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Inserts the link; false when its code is taken (by any workspace). */
  async insert(link: LinkEntity): Promise<boolean> {
    try {
      await this.tx.manager.getRepository(LinkEntity).insert(link);
      return true;
    } catch (error) {
      if (isUniqueViolation(error, CODE_UNIQUE)) return false;
      throw error;
    }
  }

  findOne(workspaceId: string, id: string): Promise<LinkEntity | null> {
    return this.tx.manager.getRepository(LinkEntity).findOneBy({ workspaceId, id, deletedAt: IsNull() });
  }

  /** The live link behind a short code, in any workspace (the redirect is public). */
  findByCode(code: string): Promise<LinkEntity | null> {
    return this.tx.manager.getRepository(LinkEntity).findOneBy({ code, deletedAt: IsNull() });
  }

  list(workspaceId: string, filter: LinkListFilter): Promise<LinkEntity[]> {
    return this.tx.manager.getRepository(LinkEntity).find({
      where: {
        workspaceId,
        deletedAt: IsNull(),
        ...(filter.productId ? { productId: filter.productId } : {}),
        ...(filter.postId ? { postId: filter.postId } : {}),
      },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: filter.limit,
    });
  }

  async save(link: LinkEntity): Promise<void> {
    await this.tx.manager.getRepository(LinkEntity).save(link);
  }
}
