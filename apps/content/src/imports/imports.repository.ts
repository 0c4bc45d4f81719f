import { Injectable } from '@nestjs/common';
import type { ImportWarningView, ProductStatus } from '@app/contracts';
import { TransactionHost } from '@app/database';
import { ProductEntity } from '../products/product.entity.js';
import type { ImportedProduct } from './import-row.js';
import { type ImportCounts, ImportEntity, type ImportFailure } from './import.entity.js';

export interface UpsertedProduct {
  product: ProductEntity;
  isNew: boolean;
}

interface ProductRow {
  id: string;
  workspace_id: string;
  title: string;
  description: string | null;
  price_minor: number | null;
  currency: string | null;
  cost_minor: number | null;
  commission_rate: string | null;
  category: string | null;
  tags: string[];
  destination_url: string | null;
  external_id: string | null;
  status: ProductStatus;
  created_at: Date;
  updated_at: Date;
  is_new: boolean;
}

/** An image URL of an imported row, as handed to the repository and returned when it is new for its product. */
export interface ImageSource {
  externalId: string;
  url: string;
  line: number;
}

export interface NewImageSource extends ImageSource {
  productId: string;
}

export const MAX_IMPORT_WARNINGS = 1000;

export type ImageSourceStatus = 'pending' | 'done' | 'failed';

/** The columns an import writes; a product identical in all of them is left untouched. */
const WRITTEN = [
  'title',
  'description',
  'price_minor',
  'currency',
  'cost_minor',
  'commission_rate',
  'category',
  'tags',
  'destination_url',
];

/** The columns an upsert returns: those of ProductRow (not the search vector, which only Postgres reads). */
const RETURNED = ['id', 'workspace_id', 'external_id', ...WRITTEN, 'status', 'created_at', 'updated_at'];

/** Every query of catalog imports: the imports table and the batched product upsert; all workspace-bound. */
@Injectable()
export class ImportsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(entity: Omit<ImportEntity, 'createdAt'>): Promise<ImportEntity> {
    await this.tx.manager.insert(ImportEntity, entity);
    return this.tx.manager.findOneByOrFail(ImportEntity, { workspaceId: entity.workspaceId, id: entity.id });
  }

  findOne(workspaceId: string, id: string): Promise<ImportEntity | null> {
    return this.tx.manager.findOneBy(ImportEntity, { workspaceId, id });
  }

  async saveProgress(entity: ImportEntity, counts: ImportCounts): Promise<void> {
    await this.tx.manager.update(ImportEntity, { workspaceId: entity.workspaceId, id: entity.id }, counts);
  }

  async finish(
    entity: ImportEntity,
    counts: ImportCounts,
    error: ImportFailure | null,
  ): Promise<ImportEntity> {
    await this.tx.manager.update(
      ImportEntity,
      { workspaceId: entity.workspaceId, id: entity.id },
      { ...counts, error, status: error ? 'failed' : 'completed', finishedAt: new Date() },
    );
    return this.tx.manager.findOneByOrFail(ImportEntity, { workspaceId: entity.workspaceId, id: entity.id });
  }

  /**
   * Remembers each (product, URL) of a batch, the product found by its external id; returns only the pairs not
   * seen before, which are the ones to fetch. Re-importing a file therefore returns nothing.
   */
  async addImageSources(
    workspaceId: string,
    importId: string,
    sources: ImageSource[],
  ): Promise<NewImageSource[]> {
    if (sources.length === 0) return [];
    const rows = await this.tx.manager.query<
      Array<{ product_id: string; url: string; line: number; external_id: string }>
    >(
      `WITH incoming AS (
         SELECT * FROM jsonb_to_recordset($3::jsonb) AS r(external_id text, url text, line integer, n integer)
       ), inserted AS (
         INSERT INTO product_image_sources AS s (workspace_id, product_id, url, import_id, line)
         SELECT $1, p.id, i.url, $2, i.line
         FROM incoming i JOIN products p ON p.workspace_id = $1 AND p.external_id = i.external_id
         ORDER BY i.n
         ON CONFLICT DO NOTHING
         RETURNING s.product_id, s.url, s.line
       )
       SELECT inserted.*, p.external_id
       FROM inserted
       JOIN products p ON p.id = inserted.product_id
       JOIN incoming i ON i.external_id = p.external_id AND i.url = inserted.url
       ORDER BY i.n`,
      [
        workspaceId,
        importId,
        JSON.stringify(
          sources.map((source, n) => ({
            external_id: source.externalId,
            url: source.url,
            line: source.line,
            n,
          })),
        ),
      ],
    );
    return rows.map((row) => ({
      productId: row.product_id,
      url: row.url,
      line: row.line,
      externalId: row.external_id,
    }));
  }

  /** Sets the failed image URLs of an import back to pending and returns them, to be fetched again. */
  async reopenFailedImageSources(workspaceId: string, importId: string): Promise<NewImageSource[]> {
    const rows = await this.tx.manager.query<
      Array<{ product_id: string; url: string; line: number | null; external_id: string | null }>
    >(
      `WITH reopened AS (
         UPDATE product_image_sources SET status = 'pending', failure_reason = NULL, updated_at = now()
         WHERE workspace_id = $1 AND import_id = $2 AND status = 'failed'
         RETURNING product_id, url, line
       )
       SELECT r.product_id, r.url, r.line, p.external_id
       FROM reopened r JOIN products p ON p.workspace_id = $1 AND p.id = r.product_id
       ORDER BY r.line, r.url`,
      [workspaceId, importId],
    );
    return rows.map((row) => ({
      productId: row.product_id,
      url: row.url,
      line: row.line ?? 0,
      externalId: row.external_id ?? '',
    }));
  }

  async imageSourceStatus(
    workspaceId: string,
    productId: string,
    url: string,
  ): Promise<ImageSourceStatus | null> {
    const [row] = await this.tx.manager.query<Array<{ status: ImageSourceStatus }>>(
      'SELECT status FROM product_image_sources WHERE workspace_id = $1 AND product_id = $2 AND url = $3',
      [workspaceId, productId, url],
    );
    return row?.status ?? null;
  }

  /** Records how fetching an image URL ended: its asset, or why there is none. */
  async settleImageSource(
    workspaceId: string,
    productId: string,
    url: string,
    outcome: { mediaId: string } | { failureReason: string },
  ): Promise<void> {
    const isDone = 'mediaId' in outcome;
    await this.tx.manager.query(
      `UPDATE product_image_sources SET status = $4, media_id = $5, failure_reason = $6, updated_at = now()
       WHERE workspace_id = $1 AND product_id = $2 AND url = $3`,
      [
        workspaceId,
        productId,
        url,
        isDone ? 'done' : 'failed',
        isDone ? outcome.mediaId : null,
        isDone ? null : outcome.failureReason,
      ],
    );
  }

  /**
   * Appends warnings to an import, keeping at most MAX_IMPORT_WARNINGS. Appended in SQL, never written whole,
   * because the row loop and the image jobs add them concurrently.
   */
  async addWarnings(workspaceId: string, importId: string, warnings: ImportWarningView[]): Promise<void> {
    if (warnings.length === 0) return;
    await this.tx.manager.query(
      `UPDATE imports
       SET warnings = warnings || (
         SELECT coalesce(jsonb_agg(e.w ORDER BY e.n), '[]') FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(w, n)
         WHERE e.n <= $4 - jsonb_array_length(imports.warnings))
       WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, importId, JSON.stringify(warnings), MAX_IMPORT_WARNINGS],
    );
  }

  /**
   * Inserts or updates a batch by (workspace, externalId) in one statement. Products whose written columns
   * already hold the same values are not touched and not returned, so a re-import changes nothing.
   */
  async upsertProducts(workspaceId: string, products: ImportedProduct[]): Promise<UpsertedProduct[]> {
    const columns = WRITTEN.join(', ');
    const rows = await this.tx.manager.query<ProductRow[]>(
      `WITH incoming AS (
         SELECT * FROM jsonb_to_recordset($2::jsonb) AS r(
           external_id text, title text, description text, price_minor integer, currency text,
           cost_minor integer, commission_rate numeric, category text, tags text[], destination_url text)
       )
       INSERT INTO products AS p (id, workspace_id, external_id, ${columns})
       SELECT gen_random_uuid(), $1, external_id, ${columns} FROM incoming
       ON CONFLICT ON CONSTRAINT products_external_id_unique DO UPDATE
         SET ${WRITTEN.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}, updated_at = now()
         WHERE (${WRITTEN.map((column) => `p.${column}`).join(', ')})
               IS DISTINCT FROM (${WRITTEN.map((column) => `EXCLUDED.${column}`).join(', ')})
       RETURNING ${RETURNED.map((column) => `p.${column}`).join(', ')}, (p.xmax = 0) AS is_new`,
      [workspaceId, JSON.stringify(products.map(toColumns))],
    );
    return rows.map((row) => ({ product: toEntity(row), isNew: row.is_new }));
  }
}

function toColumns(product: ImportedProduct): Record<string, unknown> {
  return {
    external_id: product.externalId,
    title: product.title,
    description: product.description,
    price_minor: product.priceMinor,
    currency: product.currency,
    cost_minor: product.costMinor,
    commission_rate: product.commissionRate,
    category: product.category,
    tags: product.tags,
    destination_url: product.destinationUrl,
  };
}

function toEntity(row: ProductRow): ProductEntity {
  return Object.assign(new ProductEntity(), {
    id: row.id,
    workspaceId: row.workspace_id,
    title: row.title,
    description: row.description,
    priceMinor: row.price_minor,
    currency: row.currency,
    costMinor: row.cost_minor,
    commissionRate: row.commission_rate === null ? null : Number(row.commission_rate),
    category: row.category,
    tags: row.tags,
    destinationUrl: row.destination_url,
    externalId: row.external_id,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}
