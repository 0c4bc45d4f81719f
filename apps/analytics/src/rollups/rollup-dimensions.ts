import type { BreakdownDimension } from '@app/contracts';

/** The whole workspace: the rollup row every summary and time series reads. */
export const ALL_DIMENSION = 'all';

/** Breakdown dimensions a visit fixes (who clicked, from where): clicks of one link differ in them. */
export const VISIT_DIMENSIONS = ['country', 'device', 'browser', 'os', 'referrer'] as const;
export type VisitDimension = (typeof VISIT_DIMENSIONS)[number];
/** Breakdown dimensions a link fixes: every click of a link has the link's value. */
export type LinkDimension = Exclude<BreakdownDimension, VisitDimension>;

/**
 * A visit dimension within each link: its values are `<link id>:<value>`, so a report narrowed to some links
 * (a campaign's, a post's) sums their rows alone.
 */
export type LinkVisitDimension = `link_${VisitDimension}`;
export type RollupDimension = BreakdownDimension | typeof ALL_DIMENSION | LinkVisitDimension;

export const isVisitDimension = (dimension: BreakdownDimension): dimension is VisitDimension =>
  (VISIT_DIMENSIONS as readonly string[]).includes(dimension);

export const linkVisitDimension = (dimension: VisitDimension): LinkVisitDimension => `link_${dimension}`;

/** Characters of a link id (a UUID) at the start of a link visit dimension's value. */
export const LINK_ID_LENGTH = 36;

/**
 * The clicks column each workspace-wide rollup dimension groups by. Unique visitors are counted for every
 * dimension a visitor's clicks of one link and day always share (the link's own attributes, and what the IP
 * and user agent fix); never for the referrer, which differs between clicks of the same visitor.
 */
export const CLICK_DIMENSION_COLUMNS: Record<BreakdownDimension | typeof ALL_DIMENSION, string> = {
  all: `''`,
  link: 'link_id::text',
  product: 'product_id::text',
  post: 'post_id::text',
  platform: 'platform',
  variant: 'variant',
  campaign: 'campaign_id::text',
  connection: 'connection_id::text',
  utm_source: 'utm_source',
  utm_campaign: 'utm_campaign',
  country: 'country',
  device: 'device',
  browser: 'browser',
  os: 'os',
  referrer: 'referrer_domain',
};

export const DIMENSIONS_WITHOUT_UNIQUES: ReadonlySet<RollupDimension> = new Set<RollupDimension>([
  'referrer',
  'link_referrer',
]);

/** The conversions column of each breakdown dimension (conversions carry their click's attributes). */
export const CONVERSION_DIMENSION_COLUMNS: Record<BreakdownDimension, string> = {
  link: 'link_id::text',
  product: 'product_id::text',
  post: 'post_id::text',
  platform: 'platform',
  variant: 'variant',
  campaign: 'campaign_id::text',
  connection: 'connection_id::text',
  utm_source: 'utm_source',
  utm_campaign: 'utm_campaign',
  country: 'country',
  device: 'device',
  browser: 'browser',
  os: 'os',
  referrer: 'referrer_domain',
};

/** The links column of each dimension a link fixes, for a link aliased `l`, as the reports narrowed to links read it. */
export const LINK_DIMENSION_COLUMNS: Record<LinkDimension | typeof ALL_DIMENSION, string> = {
  all: `''`,
  link: 'l.id::text',
  product: 'l.product_id::text',
  post: 'l.post_id::text',
  platform: 'l.platform',
  variant: 'l.variant',
  campaign: 'l.campaign_id::text',
  connection: 'l.connection_id::text',
  utm_source: `l.utm->>'source'`,
  utm_campaign: `l.utm->>'campaign'`,
};

/** One rollup dimension's value for a click aliased `alias` (unknown values become ''). */
export interface ClickRollupValue {
  dimension: RollupDimension;
  value: string;
  countsUniques: boolean;
}

/** Every rollup dimension a click counts in, with the SQL of its value. */
export function clickRollupValues(alias: string): ClickRollupValue[] {
  const workspaceWide = Object.entries(CLICK_DIMENSION_COLUMNS).map(([dimension, column]) => ({
    dimension: dimension as RollupDimension,
    value: column === `''` ? `''` : `coalesce(${alias}.${column}, '')`,
  }));
  const perLink = VISIT_DIMENSIONS.map((dimension) => ({
    dimension: linkVisitDimension(dimension),
    value: `${alias}.link_id::text || ':' || coalesce(${alias}.${CLICK_DIMENSION_COLUMNS[dimension]}, '')`,
  }));
  return [...workspaceWide, ...perLink].map((entry) => ({
    ...entry,
    countsUniques: !DIMENSIONS_WITHOUT_UNIQUES.has(entry.dimension),
  }));
}

/** SQL VALUES rows `(dimension, value, counts_uniques)` for a click aliased `c`. */
export function clickDimensionValuesSql(): string {
  return clickRollupValues('c')
    .map(({ dimension, value, countsUniques }) => `('${dimension}', ${value}, ${countsUniques})`)
    .join(',\n        ');
}
