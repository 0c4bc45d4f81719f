import type { AutopilotFilterView, ProductView } from '@app/contracts';

/** The product facts a filter reads. */
export type FilteredProduct = Pick<
  ProductView,
  'title' | 'status' | 'tags' | 'category' | 'priceMinor' | 'currency' | 'costMinor' | 'commissionRate'
>;

/** Whether a product passes a rule's filter; when it does not, the first condition it fails, in words. */
export type FilterVerdict = { isMatch: true } | { isMatch: false; reason: string };

/** Checks the conditions in a fixed order (status, tags, category, currency, price, margin, commission). */
export function matchFilter(filter: AutopilotFilterView, product: FilteredProduct): FilterVerdict {
  const reason =
    statusProblem(product) ??
    tagProblem(filter, product) ??
    categoryProblem(filter, product) ??
    priceProblem(filter, product) ??
    marginProblem(filter, product) ??
    commissionProblem(filter, product);
  return reason === null ? { isMatch: true } : { isMatch: false, reason };
}

/** Margin in percent of the price, when both price and cost are known and the price is not 0. */
export function marginPercentOf(product: Pick<ProductView, 'priceMinor' | 'costMinor'>): number | null {
  const { priceMinor, costMinor } = product;
  if (priceMinor === null || costMinor === null || priceMinor === 0) return null;
  return ((priceMinor - costMinor) / priceMinor) * 100;
}

/** The filter's own contradictions, which no product could ever satisfy. */
export function filterProblem(filter: AutopilotFilterView): string | null {
  const { minPriceMinor, maxPriceMinor } = filter;
  if (minPriceMinor !== undefined && maxPriceMinor !== undefined && minPriceMinor > maxPriceMinor)
    return 'filter.minPriceMinor must not be above filter.maxPriceMinor';
  return null;
}

function statusProblem(product: FilteredProduct): string | null {
  return product.status === 'active' ? null : `the product is ${product.status}`;
}

function tagProblem(filter: AutopilotFilterView, product: FilteredProduct): string | null {
  if (!filter.tags?.length) return null;
  const own = new Set(product.tags.map((tag) => tag.toLowerCase()));
  if (filter.tags.some((tag) => own.has(tag.toLowerCase()))) return null;
  return `it has none of the tags ${filter.tags.join(', ')}`;
}

function categoryProblem(filter: AutopilotFilterView, product: FilteredProduct): string | null {
  if (filter.category === undefined) return null;
  if (product.category?.toLowerCase() === filter.category.toLowerCase()) return null;
  return `its category is ${product.category === null ? 'not set' : `"${product.category}"`}, not "${filter.category}"`;
}

function priceProblem(filter: AutopilotFilterView, product: FilteredProduct): string | null {
  const { minPriceMinor, maxPriceMinor, currency } = filter;
  if (minPriceMinor === undefined && maxPriceMinor === undefined && currency === undefined) return null;
  const price = product.priceMinor;
  if (price === null) return 'it has no price';
  if (currency !== undefined && product.currency !== currency)
    return `its price is in ${product.currency ?? 'no currency'}, not ${currency}`;
  if (minPriceMinor !== undefined && price < minPriceMinor)
    return `its price ${price} is below the minimum ${minPriceMinor} (minor units)`;
  if (maxPriceMinor !== undefined && price > maxPriceMinor)
    return `its price ${price} is above the maximum ${maxPriceMinor} (minor units)`;
  return null;
}

function marginProblem(filter: AutopilotFilterView, product: FilteredProduct): string | null {
  if (filter.minMarginPercent === undefined) return null;
  const margin = marginPercentOf(product);
  if (margin === null) return 'its margin is unknown (it needs a price and a cost)';
  if (margin >= filter.minMarginPercent) return null;
  return `its margin ${margin.toFixed(1)}% is below ${filter.minMarginPercent}%`;
}

function commissionProblem(filter: AutopilotFilterView, product: FilteredProduct): string | null {
  if (filter.minCommissionRate === undefined) return null;
  if (product.commissionRate === null) return 'it has no commission rate';
  if (product.commissionRate >= filter.minCommissionRate) return null;
  return `its commission rate ${product.commissionRate}% is below ${filter.minCommissionRate}%`;
}
