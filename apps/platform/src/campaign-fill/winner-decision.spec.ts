import { describe, expect, it } from '@jest/globals';
import type { ExperimentView } from '@app/contracts';
import { winnerOf } from './winner-decision.js';

const BANK = [
  { variant: 'A', text: 'A {title}' },
  { variant: 'B', text: 'B {title}' },
];

function experiment(overrides: Partial<ExperimentView> = {}): ExperimentView {
  return {
    id: 'campaign',
    scope: 'campaign',
    postId: null,
    campaignId: 'campaign',
    productId: null,
    metric: 'ctr',
    minimumSample: 500,
    verdict: 'winner',
    winner: 'B',
    variants: [
      {
        variant: 'A',
        impressions: 600,
        clicks: 12,
        conversions: 1,
        ctr: 0.02,
        conversionRate: null,
        probabilityToBeBest: 0.02,
      },
      {
        variant: 'B',
        impressions: 640,
        clicks: 40,
        conversions: 3,
        ctr: 0.0625,
        conversionRate: null,
        probabilityToBeBest: 0.98,
      },
    ],
    ...overrides,
  };
}

describe('the winner a campaign names', () => {
  it("is analytics' winner, with the evidence in trials and successes of the metric, and why in words", () => {
    const at = new Date('2026-12-07T10:00:00Z');
    expect(winnerOf(experiment(), BANK, 500, at)).toEqual({
      variant: 'B',
      decidedAt: '2026-12-07T10:00:00.000Z',
      metric: 'ctr',
      probabilityToBeBest: 0.98,
      minTrialsPerVariant: 500,
      reason: '"B" is best with probability 98.0 % on click-through rate, every variant past 500 impressions',
      variants: [
        { variant: 'A', trials: 600, successes: 12, probabilityToBeBest: 0.02 },
        { variant: 'B', trials: 640, successes: 40, probabilityToBeBest: 0.98 },
      ],
      undoneAt: null,
      undoneBy: null,
      undoReason: null,
    });
  });

  it('is nobody while the experiment is inconclusive or even, or when the variant left the bank', () => {
    expect(winnerOf(experiment({ verdict: 'inconclusive', winner: null }), BANK, 500)).toBeNull();
    expect(winnerOf(experiment({ verdict: 'no_difference', winner: null }), BANK, 500)).toBeNull();
    expect(winnerOf(experiment(), [BANK[0]], 500)).toBeNull();
  });

  it('never rounds a probability just short of one up to 100 %', () => {
    const sure = experiment();
    sure.variants[1].probabilityToBeBest = 0.99996;
    expect(winnerOf(sure, BANK, 1000)?.reason).toBe(
      '"B" is best with probability 99.9 % on click-through rate, every variant past 1,000 impressions',
    );
  });
});
