import type { Schema } from '../../lib/api/types';
import { fromMinor, toMinor } from './money';

type Product = Schema<'ProductView'>;
type ProductPrefill = Schema<'ProductPrefillView'>;

/** What the product form edits: amounts as decimals people type, blanks as empty strings. */
export interface ProductFormValues {
  title: string;
  description: string;
  price: number | '';
  cost: number | '';
  currency: string;
  commissionRate: number | '';
  category: string;
  tags: string[];
  destinationUrl: string;
  externalId: string;
}

export const EMPTY_PRODUCT: ProductFormValues = {
  title: '',
  description: '',
  price: '',
  cost: '',
  currency: '',
  commissionRate: '',
  category: '',
  tags: [],
  destinationUrl: '',
  externalId: '',
};

const blankToNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** The API body for the form's values: minor units, and null for every blank (which clears it on update). */
export function toProductInput(values: ProductFormValues): Schema<'CreateProductDto'> {
  const currency = values.currency.trim().toUpperCase();
  return {
    title: values.title,
    description: blankToNull(values.description),
    priceMinor: toMinor(values.price, currency || 'USD'),
    costMinor: toMinor(values.cost, currency || 'USD'),
    currency: currency === '' ? null : currency,
    commissionRate: values.commissionRate === '' ? null : values.commissionRate,
    category: blankToNull(values.category),
    tags: values.tags,
    destinationUrl: blankToNull(values.destinationUrl),
    externalId: blankToNull(values.externalId),
  };
}

export function toFormValues(product: Product): ProductFormValues {
  return {
    title: product.title,
    description: product.description ?? '',
    price: fromMinor(product.priceMinor, product.currency),
    cost: fromMinor(product.costMinor, product.currency),
    currency: product.currency ?? '',
    commissionRate: product.commissionRate ?? '',
    category: product.category ?? '',
    tags: product.tags,
    destinationUrl: product.destinationUrl ?? '',
    externalId: product.externalId ?? '',
  };
}

/** The fields a product page filled in, over what the person had typed. */
export function withPrefill(values: ProductFormValues, prefill: ProductPrefill): ProductFormValues {
  return {
    ...values,
    title: prefill.title ?? values.title,
    description: prefill.description ?? values.description,
    price: prefill.priceMinor === null ? values.price : fromMinor(prefill.priceMinor, prefill.currency),
    currency: prefill.currency ?? values.currency,
    destinationUrl: prefill.destinationUrl,
    externalId: prefill.externalId ?? values.externalId,
  };
}

/** The server names amounts in minor units; the form shows them as price and cost. */
export function formErrorsOf(fields: Record<string, string>): Record<string, string> {
  const rename: Record<string, string> = { priceMinor: 'price', costMinor: 'cost' };
  return Object.fromEntries(
    Object.entries(fields).map(([field, message]) => [rename[field] ?? field, message]),
  );
}
