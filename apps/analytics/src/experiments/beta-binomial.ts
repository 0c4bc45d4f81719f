/**
 * Bayesian comparison of conversion-style rates. Each variant's rate gets a Beta(1 + successes,
 * 1 + failures) posterior (uniform prior); the probability that variant i is best is
 * ∫ pdf_i(x) · Π_{j≠i} cdf_j(x) dx, integrated numerically with Simpson's rule over the region where
 * variant i's posterior has its mass (mean ± 12 standard deviations).
 */

export interface BinomialCounts {
  successes: number;
  trials: number;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    for (const numerator of [
      (m * (b - m) * x) / ((a + m2 - 1) * (a + m2)),
      (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1)),
    ]) {
      d = 1 + numerator * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + numerator / c;
      if (Math.abs(c) < tiny) c = tiny;
      const delta = c * d;
      h *= delta;
      if (numerator !== 0 && Math.abs(delta - 1) < 1e-15) return h;
    }
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b): the Beta(a, b) cumulative distribution at x. */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b));
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(x, a, b)) / a
    : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

export function betaPdf(x: number, a: number, b: number): number {
  // At the ends the density is 0, except where the exponent is 0 (a or b equal to 1).
  if (x <= 0) return a === 1 ? Math.exp(-logBeta(a, b)) : 0;
  if (x >= 1) return b === 1 ? Math.exp(-logBeta(a, b)) : 0;
  return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta(a, b));
}

const INTERVALS = 2000;

/** For each variant, the posterior probability that its rate is the highest; the results sum to 1. */
export function probabilityToBeBest(variants: BinomialCounts[]): number[] {
  if (variants.length === 0) return [];
  if (variants.length === 1) return [1];
  const posteriors = variants.map(({ successes, trials }) => ({
    a: 1 + successes,
    b: 1 + Math.max(0, trials - successes),
  }));
  const raw = posteriors.map((own, i) => {
    const mean = own.a / (own.a + own.b);
    const sd = Math.sqrt((own.a * own.b) / ((own.a + own.b) ** 2 * (own.a + own.b + 1)));
    const low = Math.max(0, mean - 12 * sd);
    const high = Math.min(1, mean + 12 * sd);
    const step = (high - low) / INTERVALS;
    let sum = 0;
    for (let k = 0; k <= INTERVALS; k++) {
      const x = low + k * step;
      let value = betaPdf(x, own.a, own.b);
      for (let j = 0; j < posteriors.length && value > 0; j++) {
        if (j !== i) value *= betaCdf(x, posteriors[j].a, posteriors[j].b);
      }
      const weight = k === 0 || k === INTERVALS ? 1 : k % 2 === 1 ? 4 : 2;
      sum += weight * value;
    }
    return (sum * step) / 3;
  });
  const total = raw.reduce((s, p) => s + p, 0);
  return raw.map((p) => (total > 0 ? p / total : 1 / raw.length));
}

/** Exact P(rate_B > rate_A) for two Beta posteriors with integer parameters (Evan Miller's sum). */
export function probabilityBBeatsA(a: BinomialCounts, b: BinomialCounts): number {
  const alphaA = 1 + a.successes;
  const betaA = 1 + a.trials - a.successes;
  const alphaB = 1 + b.successes;
  const betaB = 1 + b.trials - b.successes;
  let total = 0;
  for (let i = 0; i < alphaB; i++) {
    total += Math.exp(
      logBeta(alphaA + i, betaA + betaB) -
        Math.log(betaB + i) -
        logBeta(1 + i, betaB) -
        logBeta(alphaA, betaA),
    );
  }
  return total;
}
