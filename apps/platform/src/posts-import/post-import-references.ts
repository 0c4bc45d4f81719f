import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { type CampaignView, ContentSubjects, MAX_FOUND_PRODUCTS, type ProductRefView } from '@app/contracts';
import { type RequestContext, RpcClient } from '@app/messaging';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import type { ConnectionEntity } from '../connections/connection.entity.js';
import { ConnectionsReader } from '../connections/connections.reader.js';
import type { ImportRow } from './post-import-row.js';
import { RowProblem } from './row-problem.js';

/** The products, connections and campaigns an import's rows name, and how each name resolves. */
export class ImportReferences {
  private readonly productsById = new Map<string, ProductRefView>();
  private readonly productsBySku = new Map<string, ProductRefView>();
  private readonly connections: Named<ConnectionEntity>;
  private readonly campaigns: Named<CampaignView>;

  constructor(products: ProductRefView[], connections: ConnectionEntity[], campaigns: CampaignView[]) {
    for (const product of products) {
      this.productsById.set(product.id, product);
      if (product.externalId !== null) this.productsBySku.set(product.externalId, product);
    }
    this.connections = new Named(connections, 'connection');
    this.campaigns = new Named(campaigns, 'campaign');
  }

  /** By id first, then by SKU; an archived product is refused, as it is no longer promoted. */
  product(ref: string): ProductRefView {
    const product = this.productsById.get(ref.toLowerCase()) ?? this.productsBySku.get(ref);
    if (!product) throw new RowProblem(`product "${ref}" was not found by id or SKU`);
    if (product.status === 'archived') throw new RowProblem(`product "${product.title}" is archived`);
    return product;
  }

  connection(ref: string): ConnectionEntity {
    return this.connections.find(ref);
  }

  campaign(ref: string): CampaignView {
    return this.campaigns.find(ref);
  }
}

/** Things found by id, or by name compared without case when the name is not ambiguous. */
class Named<T extends { id: string; name: string }> {
  private readonly byId = new Map<string, T>();
  private readonly byName = new Map<string, T[]>();

  constructor(
    items: T[],
    private readonly what: string,
  ) {
    for (const item of items) {
      this.byId.set(item.id, item);
      const name = item.name.trim().toLowerCase();
      this.byName.set(name, [...(this.byName.get(name) ?? []), item]);
    }
  }

  find(ref: string): T {
    const byId = this.byId.get(ref.toLowerCase());
    if (byId) return byId;
    const named = this.byName.get(ref.toLowerCase()) ?? [];
    if (named.length === 1) return named[0];
    if (named.length > 1)
      throw new RowProblem(
        `${named.length} ${this.what}s are named "${ref}"; give the ${this.what}'s id instead`,
      );
    throw new RowProblem(`${this.what} "${ref}" was not found by id or name`);
  }
}

/** Loads what an import's rows name, each kind in as few requests as it takes. */
@Injectable()
export class PostImportReferences {
  constructor(
    private readonly rpc: RpcClient,
    private readonly connections: ConnectionsReader,
    private readonly campaigns: CampaignsService,
  ) {}

  async load(context: RequestContext, rows: readonly ImportRow[]): Promise<ImportReferences> {
    const { workspaceId } = context.principal;
    const namesCampaign = rows.some((row) => row.campaign !== null);
    const [products, connections, campaigns] = await Promise.all([
      this.products(context, [...new Set(rows.map((row) => row.product))]),
      this.connections.list(workspaceId),
      namesCampaign ? this.campaigns.list(context) : Promise.resolve([]),
    ]);
    return new ImportReferences(products, connections, campaigns);
  }

  /** A reference shaped like an id is looked up as an id and as a SKU: a SKU may look like anything. */
  private async products(context: RequestContext, refs: string[]): Promise<ProductRefView[]> {
    const found: ProductRefView[] = [];
    for (let start = 0; start < refs.length; start += MAX_FOUND_PRODUCTS) {
      const chunk = refs.slice(start, start + MAX_FOUND_PRODUCTS);
      const ids = chunk.filter((ref) => isUUID(ref)).map((ref) => ref.toLowerCase());
      found.push(
        ...(await this.rpc.send(
          ContentSubjects.findProducts,
          { ...(ids.length > 0 ? { ids } : {}), externalIds: chunk },
          context,
        )),
      );
    }
    return found;
  }
}
