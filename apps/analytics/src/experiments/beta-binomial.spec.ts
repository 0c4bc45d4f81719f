import { describe, expect, it } from '@jest/globals';
import { betaCdf, probabilityBBeatsA, probabilityToBeBest } from './beta-binomial.js';
import { decide } from './experiments.service.js';

describe('Beta-Binomial probability to be best', () => {
  it('matches closed forms: equal evidence is a coin flip, Beta(2,1) beats Beta(1,1) two times in three', () => {
    const [a, b] = probabilityToBeBest([
      { successes: 0, trials: 0 },
      { successes: 1, trials: 1 },
    ]);
    expect(b).toBeCloseTo(2 / 3, 6);
    expect(a).toBeCloseTo(1 / 3, 6);
    const same = probabilityToBeBest([
      { successes: 30, trials: 1000 },
      { successes: 30, trials: 1000 },
      { successes: 30, trials: 1000 },
    ]);
    same.forEach((p) => expect(p).toBeCloseTo(1 / 3, 5));
  });

  it("agrees with Evan Miller's exact sum for two variants, and with a textbook value", () => {
    const cases = [
      [
        { successes: 10, trials: 100 },
        { successes: 15, trials: 100 },
      ],
      [
        { successes: 120, trials: 5000 },
        { successes: 150, trials: 5000 },
      ],
      [
        { successes: 3, trials: 40 },
        { successes: 2, trials: 45 },
      ],
    ];
    for (const [a, b] of cases) {
      expect(probabilityToBeBest([a, b])[1]).toBeCloseTo(probabilityBBeatsA(a, b), 5);
    }
    // Beta(11,91) vs Beta(16,86): scipy.integrate.quad(beta(16,86).pdf * beta(11,91).cdf) = 0.8532837899339664.
    expect(probabilityBBeatsA(cases[0][0], cases[0][1])).toBeCloseTo(0.85328379, 7);
    expect(probabilityToBeBest(cases[0])[1]).toBeCloseTo(0.85328379, 6);
  });

  it('computes the incomplete beta function at known points', () => {
    expect(betaCdf(0.5, 2, 2)).toBeCloseTo(0.5, 12);
    expect(betaCdf(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(betaCdf(0.2, 2, 3)).toBeCloseTo(0.1808, 12); // 1 - (1-x)^3 (1 + 3x) at x = 0.2
  });
});

describe('experiment verdict', () => {
  const about = { scope: 'post', id: 'post', postId: 'post', campaignId: null, productId: null } as const;

  it('is inconclusive below the minimum sample, however large the difference', () => {
    const view = decide(
      about,
      [
        { variant: 'A', impressions: 50, clicks: 1, conversions: 0 },
        { variant: 'B', impressions: 50, clicks: 20, conversions: 0 },
      ],
      100,
    );
    expect(view).toMatchObject({ metric: 'ctr', verdict: 'inconclusive', winner: null });
    expect(view.variants[1].probabilityToBeBest).toBeGreaterThan(0.99);
  });

  it('names a winner above 95 %, and no difference otherwise', () => {
    const winner = decide(
      about,
      [
        { variant: 'A', impressions: 0, clicks: 1000, conversions: 20 },
        { variant: 'B', impressions: 0, clicks: 1000, conversions: 45 },
      ],
      100,
    );
    expect(winner).toMatchObject({ metric: 'conversion_rate', verdict: 'winner', winner: 'B' });
    const tie = decide(
      about,
      [
        { variant: 'A', impressions: 2000, clicks: 40, conversions: 0 },
        { variant: 'B', impressions: 2000, clicks: 42, conversions: 0 },
      ],
      100,
    );
    expect(tie).toMatchObject({ metric: 'ctr', verdict: 'no_difference', winner: null });
  });
});
