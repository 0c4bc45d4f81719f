import type { BreakdownRowView, RevenueView } from '@app/contracts';
import type { SalesRow, TrafficRow } from './dashboard.repository.js';

export const NONE_KEY = '(none)';

/**
 * Revenue per currency, with earnings per (human) click, profit where every cost is known, and the commission
 * of the affiliate products sold.
 */
export function toRevenueViews(sales: SalesRow[], clicks: number): RevenueView[] {
  return sales
    .map((row) => ({
      currency: row.currency,
      revenueMinor: row.revenueMinor,
      orders: row.orders,
      epcMinor: clicks > 0 ? Math.round(row.revenueMinor / clicks) : 0,
      profitMinor: row.costMinor === null ? null : row.revenueMinor - row.costMinor,
      estimatedCommissionMinor: row.commissionMinor,
    }))
    .sort((a, b) => b.revenueMinor - a.revenueMinor);
}

/** Joins traffic and sales rows by dimension value; values seen on either side appear once. */
export function toBreakdownRows(
  traffic: TrafficRow[],
  sales: SalesRow[],
  labels: Map<string, string>,
): BreakdownRowView[] {
  const keys = new Set([...traffic.map((row) => row.value), ...sales.map((row) => row.value)]);
  return [...keys].map((value) => {
    const clicks = traffic.find((row) => row.value === value);
    const rowSales = sales.filter((row) => row.value === value);
    return {
      key: value === '' ? NONE_KEY : value,
      label: labels.get(value) ?? null,
      clicks: clicks?.clicks ?? 0,
      uniqueClicks: clicks?.uniqueClicks ?? 0,
      orders: rowSales.reduce((sum, row) => sum + row.orders, 0),
      revenue: toRevenueViews(rowSales, clicks?.clicks ?? 0),
    };
  });
}

/** Most revenue first (summed over currencies as a ranking only), then most clicks. */
export function byEarnings(a: BreakdownRowView, b: BreakdownRowView): number {
  const revenue = (row: BreakdownRowView) => row.revenue.reduce((sum, r) => sum + r.revenueMinor, 0);
  return revenue(b) - revenue(a) || b.orders - a.orders || b.clicks - a.clicks;
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}
