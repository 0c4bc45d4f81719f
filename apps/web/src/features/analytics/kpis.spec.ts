import { describe, expect, it } from '@jest/globals';
import type { Schema } from '../../lib/api/types';
import { formatMoney, isEmptySummary, kpisOf } from './kpis';

const empty: Schema<'WorkspaceSummaryView'> = {
  workspaceId: 'w',
  from: '2026-01-01T00:00:00.000Z',
  to: '2026-01-31T00:00:00.000Z',
  clicks: 0,
  uniqueClicks: 0,
  botClicks: 0,
  impressions: 0,
  engagements: 0,
  ctr: null,
  engagementRate: null,
  orders: 0,
  conversionRate: null,
  revenue: [],
  products: 3,
  registeredUsers: 1,
};

const byLabel = (summary: Schema<'WorkspaceSummaryView'>) =>
  Object.fromEntries(kpisOf(summary, 'en-US').map((kpi) => [kpi.label, kpi]));

describe('analytics KPI cards', () => {
  it('shows counts, and no number with a reason for what cannot be computed', () => {
    const kpis = byLabel(empty);
    expect(kpis.Clicks.values).toEqual(['0']);
    for (const label of ['Revenue', 'Est. commission', 'Profit', 'EPC', 'CTR']) {
      expect(kpis[label].values).toEqual([]);
      expect(kpis[label].reason).toBeTruthy();
    }
    expect(isEmptySummary(empty)).toBe(true);
  });

  it('shows money per currency, and profit only where every cost is known', () => {
    const kpis = byLabel({
      ...empty,
      clicks: 200,
      botClicks: 4,
      uniqueClicks: 150,
      orders: 3,
      impressions: 4000,
      ctr: 0.05,
      revenue: [
        {
          currency: 'EUR',
          revenueMinor: 12_345,
          epcMinor: 62,
          orders: 2,
          profitMinor: 5000,
          estimatedCommissionMinor: 1235,
        },
        {
          currency: 'JPY',
          revenueMinor: 3000,
          epcMinor: 15,
          orders: 1,
          profitMinor: null,
          estimatedCommissionMinor: null,
        },
      ],
    });
    expect(kpis.Revenue.values).toEqual(['€123.45', '¥3,000']);
    expect(kpis.EPC.values).toEqual(['€0.62', '¥15']);
    expect(kpis.Profit.values).toEqual(['€50.00']);
    expect(kpis['Est. commission'].values).toEqual(['€12.35']);
    expect(kpis.CTR.values).toEqual(['5%']);
    expect(kpis.Clicks.note).toBe('4 bot and preview clicks left out');
  });

  it('explains a missing profit or commission when no sold product has a cost or a rate', () => {
    const kpis = byLabel({
      ...empty,
      clicks: 10,
      revenue: [
        {
          currency: 'USD',
          revenueMinor: 500,
          epcMinor: 50,
          orders: 1,
          profitMinor: null,
          estimatedCommissionMinor: null,
        },
      ],
    });
    expect(kpis.Profit.values).toEqual([]);
    expect(kpis.Profit.reason).toMatch(/cost/);
    expect(kpis['Est. commission'].values).toEqual([]);
    expect(kpis['Est. commission'].reason).toMatch(/commission rate/);
    expect(formatMoney(500, 'USD', 'en-US')).toBe('$5.00');
  });
});
