import { describe, expect, it } from '@jest/globals';
import { EMPTY_PRODUCT, formErrorsOf, toFormValues, toProductInput, withPrefill } from './product-values';

describe('product form values', () => {
  it('sends minor units and null for blanks', () => {
    const input = toProductInput({
      ...EMPTY_PRODUCT,
      title: 'Mug',
      price: 12.5,
      currency: 'eur ',
      tags: ['a'],
    });
    expect(input).toEqual({
      title: 'Mug',
      description: null,
      priceMinor: 1250,
      costMinor: null,
      currency: 'EUR',
      commissionRate: null,
      category: null,
      tags: ['a'],
      destinationUrl: null,
      externalId: null,
    });
  });

  it('shows a stored product as decimals and round-trips it', () => {
    const values = toFormValues({
      id: 'p',
      title: 'Bowl',
      description: null,
      priceMinor: 1999,
      currency: 'USD',
      costMinor: 500,
      marginMinor: 1499,
      commissionRate: 7.5,
      category: 'Kitchen',
      tags: [],
      destinationUrl: null,
      externalId: 'SKU-1',
      status: 'active',
      createdAt: '',
      updatedAt: '',
    });
    expect(values).toMatchObject({ price: 19.99, cost: 5, commissionRate: 7.5, description: '' });
    expect(toProductInput(values)).toMatchObject({ priceMinor: 1999, costMinor: 500, externalId: 'SKU-1' });
  });

  it('fills what a product page gave and keeps the rest', () => {
    const prefilled = withPrefill(
      { ...EMPTY_PRODUCT, category: 'Lamps', title: 'typed' },
      {
        title: 'Paper lamp',
        description: null,
        priceMinor: 4500,
        currency: 'GBP',
        brand: null,
        imageUrls: [],
        destinationUrl: 'https://shop.example/lamp',
        externalId: null,
      },
    );
    expect(prefilled).toMatchObject({ title: 'Paper lamp', price: 45, currency: 'GBP', category: 'Lamps' });
  });

  it('puts amount errors on the fields people see', () => {
    expect(formErrorsOf({ priceMinor: 'too big', title: 'empty' })).toEqual({
      price: 'too big',
      title: 'empty',
    });
  });
});
