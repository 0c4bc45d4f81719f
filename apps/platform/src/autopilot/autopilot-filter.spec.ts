import { describe, expect, it } from '@jest/globals';
import { matchFilter } from './autopilot-filter.js';

describe('the autopilot filter', () => {
  const product = {
    title: 'Lamp',
    status: 'active' as const,
    tags: ['Home'],
    category: 'Lighting',
    priceMinor: 4000,
    currency: 'USD',
    costMinor: 1000,
    commissionRate: 8,
  };

  it('takes a product meeting every condition and names the first one another fails', () => {
    const all = {
      tags: ['home'],
      category: 'lighting',
      currency: 'USD',
      minPriceMinor: 4000,
      maxPriceMinor: 4000,
      minMarginPercent: 75,
      minCommissionRate: 8,
    };
    expect(matchFilter(all, product)).toEqual({ isMatch: true });
    expect(matchFilter({}, product)).toEqual({ isMatch: true });
    expect(matchFilter(all, { ...product, status: 'archived' })).toEqual({
      isMatch: false,
      reason: 'the product is archived',
    });
    expect(matchFilter({ tags: ['garden'] }, product)).toEqual({
      isMatch: false,
      reason: 'it has none of the tags garden',
    });
    expect(matchFilter({ currency: 'EUR' }, product)).toMatchObject({
      reason: 'its price is in USD, not EUR',
    });
    expect(matchFilter({ maxPriceMinor: 3999 }, product)).toMatchObject({
      reason: 'its price 4000 is above the maximum 3999 (minor units)',
    });
    expect(matchFilter({ minMarginPercent: 10 }, { ...product, costMinor: null })).toMatchObject({
      reason: 'its margin is unknown (it needs a price and a cost)',
    });
    expect(matchFilter({ minCommissionRate: 8.5 }, product)).toMatchObject({
      reason: 'its commission rate 8% is below 8.5%',
    });
    expect(matchFilter({ minCommissionRate: 1 }, { ...product, commissionRate: null })).toMatchObject({
      reason: 'it has no commission rate',
    });
  });
});
