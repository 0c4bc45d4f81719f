import { describe, expect, it } from '@jest/globals';
import { describeFilter, toFilter, toFilterValues } from './rule-filter';

describe('the autopilot rule filter form', () => {
  it('sends only the conditions filled in, prices in minor units of the currency', () => {
    const values = {
      ...toFilterValues(undefined),
      tags: ['summer'],
      currency: 'usd',
      minPrice: 12.5 as const,
    };
    expect(toFilter(values)).toEqual({ tags: ['summer'], currency: 'USD', minPriceMinor: 1250 });
    expect(toFilter({ ...toFilterValues(undefined), currency: 'JPY', maxPrice: 1500 })).toEqual({
      currency: 'JPY',
      maxPriceMinor: 1500,
    });
    expect(toFilter(toFilterValues(undefined))).toEqual({});
  });

  it('reads a stored filter back into the same form values', () => {
    const filter = {
      tags: ['a'],
      currency: 'EUR',
      minPriceMinor: 999,
      minMarginPercent: 30,
      minCommissionRate: 5,
    };
    expect(toFilter(toFilterValues(filter))).toEqual(filter);
  });

  it('says in one line which products a rule takes', () => {
    expect(describeFilter({})).toBe('Every active product');
    expect(
      describeFilter({
        tags: ['summer', 'beach'],
        minPriceMinor: 2000,
        maxPriceMinor: 5000,
        currency: 'USD',
      }),
    ).toBe('Products tagged summer or beach, priced 20.00 USD to 50.00 USD');
    expect(describeFilter({ minCommissionRate: 5 })).toBe('Products with a commission of at least 5%');
  });
});
