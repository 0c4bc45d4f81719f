import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConflictError, type ProductSort, type ProductStatus, type SortOrder } from '@app/contracts';
import { isUniqueViolation, TransactionHost } from '@app/database';
import type { ProductCursor } from './product-cursor.js';
import { ProductEntity, type ProductValues } from './product.entity.js';

export interface ProductListFilter {
  /** Rows to return at most. */
  limit: number;
  /** The order (default newest first); ties are broken by id so the order is total. */
  sort?: ProductSort;
  order?: SortOrder;
  /** Only products after this position in that order. */
  after?: ProductCursor;
  /** Words that must all start a word of the title or description. */
  text?: string;
  /** A tag, matched case-insensitively. */
  tag?: string;
  status?: ProductStatus;
}

const EXTERNAL_ID_UNIQUE = 'products_external_id_unique';

/**
 * The expression each sort orders by, and the SQL type of its cursor key. Each has a (workspace_id, key, id)
 * index; titles compare case-insensitively, and a missing price sorts as -1 (below every real price).
 */
const SORT_KEYS: Record<ProductSort, { expression: string; cursor: string }> = {
  createdAt: { expression: 'product.created_at', cursor: 'CAST(:afterKey AS timestamptz)' },
  updatedAt: { expression: 'product.updated_at', cursor: 'CAST(:afterKey AS timestamptz)' },
  title: { expression: 'lower(product.title)', cursor: 'lower(CAST(:afterKey AS text))' },
  price: { expression: 'coalesce(product.price_minor, -1)', cursor: 'CAST(:afterKey AS integer)' },
};

/** Every query on content.products; each one is bound to a workspace. */
@Injectable()
export class ProductsRepository {
  constructor(private readonly tx: TransactionHost) {}

  findOne(workspaceId: string, id: string): Promise<ProductEntity | null> {
    return this.tx.manager.findOneBy(ProductEntity, { workspaceId, id });
  }

  /** The workspace's products with one of `ids` or of `externalIds`. */
  findByRefs(workspaceId: string, ids: string[], externalIds: string[]): Promise<ProductEntity[]> {
    if (ids.length === 0 && externalIds.length === 0) return Promise.resolve([]);
    return this.tx.manager
      .createQueryBuilder(ProductEntity, 'product')
      .where('product.workspace_id = :workspaceId', { workspaceId })
      .andWhere(
        '(product.id = ANY(CAST(:ids AS uuid[])) OR product.external_id = ANY(CAST(:externalIds AS text[])))',
        { ids, externalIds },
      )
      .getMany();
  }

  /** Reads and row-locks a product for the rest of the transaction, so concurrent updates apply in turn. */
  findOneForUpdate(workspaceId: string, id: string): Promise<ProductEntity | null> {
    return this.tx.manager.findOne(ProductEntity, {
      where: { workspaceId, id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** One page in the asked order, ties broken by id so the order is total and a cursor never skips a row. */
  async list(workspaceId: string, filter: ProductListFilter): Promise<ProductEntity[]> {
    const { expression, cursor } = SORT_KEYS[filter.sort ?? 'createdAt'];
    const direction = filter.order === 'asc' ? 'ASC' : 'DESC';
    const query = this.tx.manager
      .getRepository(ProductEntity)
      .createQueryBuilder('product')
      .where('product.workspaceId = :workspaceId', { workspaceId })
      .orderBy(expression, direction)
      .addOrderBy('product.id', direction)
      .limit(filter.limit);
    if (filter.after) {
      const key = filter.after.key instanceof Date ? filter.after.key.toISOString() : filter.after.key;
      query.andWhere(
        `(${expression}, product.id) ${direction === 'ASC' ? '>' : '<'} (${cursor}, CAST(:afterId AS uuid))`,
        { afterKey: key, afterId: filter.after.id },
      );
    }
    if (filter.status) query.andWhere('product.status = :status', { status: filter.status });
    if (filter.tag !== undefined) {
      query.andWhere('tag_keys(product.tags) @> ARRAY[lower(:tag)]', { tag: filter.tag });
    }
    if (filter.text !== undefined) {
      const tsquery = toPrefixQuery(filter.text);
      if (tsquery === null) return [];
      query.andWhere("product.search @@ to_tsquery('simple', :tsquery)", { tsquery });
    }
    return query.getMany();
  }

  async insert(workspaceId: string, values: ProductValues): Promise<ProductEntity> {
    const product = this.tx.manager.create(ProductEntity, { ...values, id: randomUUID(), workspaceId });
    await translateConflicts(() => this.tx.manager.insert(ProductEntity, product), values.externalId);
    // createdAt and updatedAt come from the database, so read the row back as it was stored.
    return this.tx.manager.findOneByOrFail(ProductEntity, { workspaceId, id: product.id });
  }

  async update(workspaceId: string, id: string, changes: Partial<ProductValues>): Promise<ProductEntity> {
    await translateConflicts(
      () => this.tx.manager.update(ProductEntity, { workspaceId, id }, changes),
      changes.externalId ?? null,
    );
    return this.tx.manager.findOneByOrFail(ProductEntity, { workspaceId, id });
  }

  /** True when the product existed in the workspace and is gone. */
  async delete(workspaceId: string, id: string): Promise<boolean> {
    const result = await this.tx.manager.delete(ProductEntity, { workspaceId, id });
    return (result.affected ?? 0) > 0;
  }
}

/**
 * `q` is a full-text search over a generated tsvector column with a GIN index, every word of `q` matched
 * as a prefix of a word in the title or description ("mug" finds "Mugs", "stonew" finds "Stoneware").
 * Why not ILIKE '%q%': it cannot use a b-tree, and its index (pg_trgm) is an extension, i.e. a
 * database-wide object that a service role owning only its own schema may not create, and that every
 * Postgres we run on (embedded included) would have to provide. The 'simple' configuration lowercases
 * without stemming, so search behaves alike for every language a catalog is written in.
 */
export function toPrefixQuery(text: string): string | null {
  // Only letters, combining marks and digits reach to_tsquery, so input can never be tsquery syntax.
  const words = text.match(/[\p{L}\p{M}\p{N}]+/gu);
  return words ? words.map((word) => `${word}:*`).join(' & ') : null;
}

/** Turns the workspace-unique externalId constraint into a 409, whichever write hit it. */
async function translateConflicts<T>(write: () => Promise<T>, externalId: string | null): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, EXTERNAL_ID_UNIQUE)) {
      throw new ConflictError(`Another product in this workspace already has externalId "${externalId}"`, {
        field: 'externalId',
      });
    }
    throw error;
  }
}
