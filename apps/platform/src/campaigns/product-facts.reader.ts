import { Injectable } from '@nestjs/common';
import { ContentSubjects, DomainError, NotFoundError, type ProductView } from '@app/contracts';
import { type RequestContext, RpcClient } from '@app/messaging';

/** What a campaign's bank fills its templates from: a catalog product's id, title, price and link. */
export interface ProductFacts {
  id: string;
  title: string;
  priceMinor: number | null;
  currency: string | null;
  url: string | null;
}

/** Products of the caller's workspace, asked of the content service that owns the catalog. */
@Injectable()
export class ProductFactsReader {
  constructor(private readonly rpc: RpcClient) {}

  /** A 404 naming the first id that is not a product of the workspace. */
  async assertExist(context: RequestContext, ids: readonly string[]): Promise<void> {
    const products = await Promise.all(ids.map((id) => this.find(context, id)));
    const missing = ids.find((_id, index) => products[index] === null);
    if (missing) throw new NotFoundError(`Product ${missing}`);
  }

  /**
   * The facts of the products still in the catalog and active, in the order of `ids`; deleted and archived
   * ones are left out. Other failures (content unreachable) throw, so nothing is filled from half a bank.
   */
  async activeFacts(context: RequestContext, ids: readonly string[]): Promise<ProductFacts[]> {
    const products = await Promise.all(ids.map((id) => this.find(context, id)));
    return products
      .filter((product): product is ProductView => product !== null && product.status === 'active')
      .map((product) => ({
        id: product.id,
        title: product.title,
        priceMinor: product.priceMinor,
        currency: product.currency,
        url: product.destinationUrl,
      }));
  }

  private async find(context: RequestContext, id: string): Promise<ProductView | null> {
    try {
      return await this.rpc.send(ContentSubjects.getProduct, { id }, context);
    } catch (error) {
      if (error instanceof DomainError && error.status === 404) return null;
      throw error;
    }
  }
}
