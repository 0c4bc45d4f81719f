import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import {
  type CreateProductDto,
  EventSubjects,
  type FindProductsRequest,
  InvalidError,
  type ListProductsQuery,
  NotFoundError,
  type ProductPageView,
  type ProductRefView,
  type ProductView,
  type UpdateProductDto,
} from '@app/contracts';
import { Outbox, type RequestContext } from '@app/messaging';
import { TransactionHost } from '@app/database';
import { MediaBlobCleanup } from '../media/media-blob-cleanup.js';
import { decodeProductCursor, encodeProductCursor, sortKeyOf } from './product-cursor.js';
import type { ProductEntity, ProductValues } from './product.entity.js';
import { toProductView } from './product.mapper.js';
import { ProductsRepository } from './products.repository.js';

export const DEFAULT_PAGE_SIZE = 20;

type ProductChangedSubject = typeof EventSubjects.productCreated | typeof EventSubjects.productUpdated;

/** The catalog's rules: what a valid product is, and the event every change records. */
@Injectable()
export class ProductsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: ProductsRepository,
    private readonly outbox: Outbox,
    private readonly mediaBlobs: MediaBlobCleanup,
  ) {}

  async create(context: RequestContext, input: CreateProductDto): Promise<ProductView> {
    const values = newProductValues(input);
    assertCurrencyRule(values);
    return this.tx.run(async () => {
      const product = await this.repository.insert(context.principal.workspaceId, values);
      return this.recordChange(EventSubjects.productCreated, product, context);
    });
  }

  async get(context: RequestContext, id: string): Promise<ProductView> {
    const product = await this.repository.findOne(context.principal.workspaceId, id);
    if (!product) throw new NotFoundError('Product');
    return toProductView(product);
  }

  /** The workspace's products among those ids and external ids; names not found are simply absent. */
  async find(context: RequestContext, request: FindProductsRequest): Promise<ProductRefView[]> {
    const products = await this.repository.findByRefs(
      context.principal.workspaceId,
      request.ids ?? [],
      request.externalIds ?? [],
    );
    return products.map(({ id, externalId, title, status }) => ({ id, externalId, title, status }));
  }

  async list(context: RequestContext, query: ListProductsQuery): Promise<ProductPageView> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const sort = query.sort ?? 'createdAt';
    const after = query.cursor === undefined ? undefined : decodeProductCursor(query.cursor, sort);
    // One row past the page tells whether another page exists without a count.
    const rows = await this.repository.list(context.principal.workspaceId, {
      limit: limit + 1,
      after,
      text: query.q,
      tag: query.tag === undefined ? undefined : normaliseTag(query.tag),
      status: query.status,
      sort,
      order: query.order,
    });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map(toProductView),
      nextCursor:
        rows.length > limit && last
          ? encodeProductCursor({ key: sortKeyOf(last, sort), id: last.id }, sort)
          : null,
    };
  }

  /** Applies the fields present in `patch` (null clears); a patch that changes nothing records no event. */
  async update(context: RequestContext, id: string, patch: UpdateProductDto): Promise<ProductView> {
    const { workspaceId } = context.principal;
    return this.tx.run(async () => {
      const current = await this.repository.findOneForUpdate(workspaceId, id);
      if (!current) throw new NotFoundError('Product');
      const next = patchedValues(current, patch);
      assertCurrencyRule(next);
      const changes = changedValues(current, next);
      if (Object.keys(changes).length === 0) return toProductView(current);
      const updated = await this.repository.update(workspaceId, id, changes);
      return this.recordChange(EventSubjects.productUpdated, updated, context);
    });
  }

  /** Deletes for good; the deleted event is what other services learn it from. */
  async delete(context: RequestContext, id: string): Promise<void> {
    const { workspaceId } = context.principal;
    await this.tx.run(async () => {
      // Its media rows go with it (cascade); their files are removed by a job queued in this transaction.
      await this.mediaBlobs.forProduct(workspaceId, id);
      const isDeleted = await this.repository.delete(workspaceId, id);
      if (!isDeleted) throw new NotFoundError('Product');
      await this.outbox.add(EventSubjects.productDeleted, { productId: id }, context);
    });
  }

  private async recordChange(
    subject: ProductChangedSubject,
    product: ProductEntity,
    context: RequestContext,
  ): Promise<ProductView> {
    const view = toProductView(product);
    await this.outbox.add(subject, view, context);
    return view;
  }
}

function newProductValues(input: CreateProductDto): ProductValues {
  return {
    title: input.title,
    description: input.description ?? null,
    priceMinor: input.priceMinor ?? null,
    currency: input.currency ?? null,
    costMinor: input.costMinor ?? null,
    commissionRate: input.commissionRate ?? null,
    category: input.category ?? null,
    tags: normaliseTags(input.tags ?? []),
    destinationUrl: input.destinationUrl ?? null,
    externalId: input.externalId ?? null,
    status: input.status ?? 'active',
  };
}

/** The product as it would be after the patch: absent keeps, null clears (tags to none). */
function patchedValues(current: ProductValues, patch: UpdateProductDto): ProductValues {
  const keep = <T>(patched: T | null | undefined, existing: T | null): T | null =>
    patched === undefined ? existing : patched;
  return {
    title: patch.title ?? current.title,
    description: keep(patch.description, current.description),
    priceMinor: keep(patch.priceMinor, current.priceMinor),
    currency: keep(patch.currency, current.currency),
    costMinor: keep(patch.costMinor, current.costMinor),
    commissionRate: keep(patch.commissionRate, current.commissionRate),
    category: keep(patch.category, current.category),
    tags: patch.tags === undefined ? current.tags : normaliseTags(patch.tags ?? []),
    destinationUrl: keep(patch.destinationUrl, current.destinationUrl),
    externalId: keep(patch.externalId, current.externalId),
    status: patch.status ?? current.status,
  };
}

function changedValues(current: ProductValues, next: ProductValues): Partial<ProductValues> {
  const keys = Object.keys(next) as Array<keyof ProductValues>;
  const changed = keys.filter((key) => !isDeepStrictEqual(current[key], next[key]));
  return Object.fromEntries(changed.map((key) => [key, next[key]])) as Partial<ProductValues>;
}

/** Money without a currency means nothing; the error names `currency`, the field to fill in. */
function assertCurrencyRule(values: ProductValues): void {
  if (values.currency !== null) return;
  const moneyField =
    values.priceMinor !== null ? 'priceMinor' : values.costMinor !== null ? 'costMinor' : undefined;
  if (!moneyField) return;
  const message = `currency is required when ${moneyField} is set`;
  throw new InvalidError(message, { fields: [{ field: 'currency', messages: [message] }] });
}

/** Trimmed, inner spaces collapsed, empty ones dropped, duplicates (ignoring case) dropped, first spelling kept. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of tags) {
    const tag = normaliseTag(raw);
    const key = tag.toLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    result.push(tag);
  }
  return result;
}

function normaliseTag(tag: string): string {
  return tag.trim().replace(/\s+/g, ' ');
}
