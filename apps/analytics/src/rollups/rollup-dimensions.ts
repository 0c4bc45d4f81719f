import type { BreakdownDimension } from '@app/contracts';

/** The whole workspace: the rollup row every summary and time series reads. */
export const ALL_DIMENSION = 'all';
export type RollupDimension = BreakdownDimension | typeof ALL_DIMENSION;

/**
 * The clicks column each rollup dimension groups by. Unique visitors are counted for every dimension a
 * visitor's clicks of one link and day always share (the link's own attributes, and what the IP and user
 * agent fix); never for the referrer, which differs between clicks of the same visitor.
 */
export const CLICK_DIMENSION_COLUMNS: Record<RollupDimension, string> = {
  all: `''`,
  link: 'link_id::text',
  product: 'product_id::text',
  post: 'post_id::text',
  platform: 'platform',
  variant: 'variant',
  utm_source: 'utm_source',
  utm_campaign: 'utm_campaign',
  country: 'country',
  device: 'device',
  browser: 'browser',
  os: 'os',
  referrer: 'referrer_domain',
};

export const DIMENSIONS_WITHOUT_UNIQUES: ReadonlySet<RollupDimension> = new Set(['referrer']);

/** The conversions column of each breakdown dimension (conversions carry their click's attributes). */
export const CONVERSION_DIMENSION_COLUMNS: Record<BreakdownDimension, string> = {
  link: 'link_id::text',
  product: 'product_id::text',
  post: 'post_id::text',
  platform: 'platform',
  variant: 'variant',
  utm_source: 'utm_source',
  utm_campaign: 'utm_campaign',
  country: 'country',
  device: 'device',
  browser: 'browser',
  os: 'os',
  referrer: 'referrer_domain',
};

/** SQL VALUES rows `(dimension, value, counts_uniques)` for a click aliased `c`; unknown values become ''. */
export function clickDimensionValuesSql(): string {
  return Object.entries(CLICK_DIMENSION_COLUMNS)
    .map(([dimension, column]) => {
      const value = column === `''` ? `''` : `coalesce(c.${column}, '')`;
      const countsUniques = DIMENSIONS_WITHOUT_UNIQUES.has(dimension as RollupDimension) ? 'false' : 'true';
      return `('${dimension}', ${value}, ${countsUniques})`;
    })
    .join(',\n        ');
}
