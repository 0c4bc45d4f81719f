import type { ProductView } from '@app/contracts';
import type { ProductEntity } from './product.entity.js';

/** The contract view of a product; the only shape of a product that leaves the content service. */
export function toProductView(product: ProductEntity): ProductView {
  return {
    id: product.id,
    title: product.title,
    description: product.description,
    priceMinor: product.priceMinor,
    currency: product.currency,
    costMinor: product.costMinor,
    marginMinor: marginOf(product),
    commissionRate: product.commissionRate,
    category: product.category,
    tags: product.tags,
    destinationUrl: product.destinationUrl,
    externalId: product.externalId,
    status: product.status,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}

/** Price minus cost; both are in the product's one currency, so they can be subtracted. */
function marginOf(product: ProductEntity): number | null {
  if (product.priceMinor === null || product.costMinor === null) return null;
  return product.priceMinor - product.costMinor;
}
