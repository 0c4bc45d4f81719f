import { type ExperimentView, WINNER_PROBABILITY } from '@app/contracts';
import type { CampaignTemplate, CampaignWinner } from '../campaigns/campaign.entity.js';

const METRIC_WORDS = {
  ctr: { name: 'click-through rate', trials: 'impressions' },
  conversion_rate: { name: 'sales per click', trials: 'clicks' },
} as const;

/**
 * The winner a campaign names from its experiment: analytics' verdict `winner` (best with probability ≥ 0.95,
 * every variant past the gate), when that variant is still one of the bank's templates; else null.
 */
export function winnerOf(
  experiment: ExperimentView,
  templates: readonly CampaignTemplate[],
  minTrialsPerVariant: number,
  now = new Date(),
): CampaignWinner | null {
  const best = experiment.variants.find((variant) => variant.variant === experiment.winner);
  if (experiment.verdict !== 'winner' || !best || best.probabilityToBeBest < WINNER_PROBABILITY) return null;
  if (!templates.some((template) => template.variant === best.variant)) return null;
  const isCtr = experiment.metric === 'ctr';
  const words = METRIC_WORDS[experiment.metric];
  // Rounded down: a probability just short of 1 is never shown as 100 %.
  const percent = (Math.floor(best.probabilityToBeBest * 1000) / 10).toFixed(1);
  return {
    variant: best.variant,
    decidedAt: now.toISOString(),
    metric: experiment.metric,
    probabilityToBeBest: best.probabilityToBeBest,
    minTrialsPerVariant,
    reason:
      `"${best.variant}" is best with probability ${percent} % on ${words.name}, ` +
      `every variant past ${minTrialsPerVariant.toLocaleString('en-US')} ${words.trials}`,
    variants: experiment.variants.map((variant) => ({
      variant: variant.variant,
      trials: isCtr ? variant.impressions : variant.clicks,
      successes: isCtr ? variant.clicks : variant.conversions,
      probabilityToBeBest: variant.probabilityToBeBest,
    })),
    undoneAt: null,
    undoneBy: null,
    undoReason: null,
  };
}
