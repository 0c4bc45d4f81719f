import type { Schema } from '../../lib/api/types';
import { formatCount, formatMoney, formatPercent } from '../../lib/format';

export { formatCount, formatMoney, formatPercent, toMajor } from '../../lib/format';

type Summary = Schema<'WorkspaceSummaryView'>;
type Revenue = Schema<'RevenueView'>;

/** One KPI card: its value(s) (one per currency for money), or none with the reason it cannot be computed. */
export interface Kpi {
  label: string;
  values: string[];
  /** Set when `values` is empty: why there is no number. */
  reason?: string;
  /** A remark under the value. */
  note?: string;
}

const NO_SALES = 'No sales in this period yet.';

function perCurrency(revenue: Revenue[], pick: (row: Revenue) => number, locale?: string): string[] {
  return revenue.map((row) => formatMoney(pick(row), row.currency, locale));
}

/** A money figure the API leaves null in a currency where it cannot tell: shown where known, else why not. */
function whereKnown(
  revenue: Revenue[],
  pick: (row: Revenue) => number | null,
  unknownReason: string,
  locale?: string,
): Pick<Kpi, 'values' | 'reason'> {
  if (revenue.length === 0) return { values: [], reason: NO_SALES };
  const known = revenue.filter((row) => pick(row) !== null);
  if (known.length === 0) return { values: [], reason: unknownReason };
  return { values: perCurrency(known, (row) => pick(row) ?? 0, locale) };
}

/** The KPI cards of a summary, never inventing a number the summary does not have. */
export function kpisOf(summary: Summary, locale?: string): Kpi[] {
  const { revenue } = summary;
  const hasSales = revenue.length > 0;
  return [
    {
      label: 'Clicks',
      values: [formatCount(summary.clicks, locale)],
      note:
        summary.botClicks > 0
          ? `${formatCount(summary.botClicks, locale)} bot and preview clicks left out`
          : undefined,
    },
    { label: 'Unique clicks', values: [formatCount(summary.uniqueClicks, locale)] },
    { label: 'Orders', values: [formatCount(summary.orders, locale)] },
    hasSales
      ? { label: 'Revenue', values: perCurrency(revenue, (row) => row.revenueMinor, locale) }
      : { label: 'Revenue', values: [], reason: NO_SALES },
    {
      label: 'Est. commission',
      ...whereKnown(
        revenue,
        (row) => row.estimatedCommissionMinor,
        'Needs a commission rate on the affiliate products sold.',
        locale,
      ),
    },
    {
      label: 'Profit',
      ...whereKnown(
        revenue,
        (row) => row.profitMinor,
        'Needs the cost of every product sold: add costs to your products.',
        locale,
      ),
    },
    summary.clicks === 0
      ? { label: 'EPC', values: [], reason: 'Earnings per click needs clicks in this period.' }
      : hasSales
        ? { label: 'EPC', values: perCurrency(revenue, (row) => row.epcMinor, locale) }
        : { label: 'EPC', values: [], reason: NO_SALES },
    summary.ctr === null
      ? {
          label: 'CTR',
          values: [],
          reason: 'Needs impressions, which come from the metrics of posts published in this period.',
        }
      : { label: 'CTR', values: [formatPercent(summary.ctr, locale)] },
  ];
}

/** True when the window has nothing to report yet: no clicks, no sales, no impressions. */
export function isEmptySummary(summary: Summary): boolean {
  return summary.clicks === 0 && summary.botClicks === 0 && summary.orders === 0 && summary.impressions === 0;
}
