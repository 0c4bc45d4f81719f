import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  type ExperimentsQuery,
  type ExperimentView,
  NotFoundError,
  type VariantResultView,
  WINNER_PROBABILITY,
} from '@app/contracts';
import type { RequestContext } from '@app/messaging';
import { probabilityToBeBest } from './beta-binomial.js';
import { ExperimentsRepository, type VariantLinkRow } from './experiments.repository.js';

interface VariantTotals {
  variant: string;
  impressions: number;
  clicks: number;
  conversions: number;
}

/** A/B tests of caption variants: each post whose links carry two or more variant labels is an experiment. */
@Injectable()
export class ExperimentsService {
  constructor(
    private readonly experiments: ExperimentsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The experiments of a post, of a product's posts, or, with neither, of the whole workspace. */
  async list(context: RequestContext, query: ExperimentsQuery): Promise<ExperimentView[]> {
    return this.evaluate(context.principal.workspaceId, query);
  }

  async get(context: RequestContext, postId: string): Promise<ExperimentView> {
    const [experiment] = await this.evaluate(context.principal.workspaceId, { postId });
    if (!experiment) throw new NotFoundError('Experiment');
    return experiment;
  }

  private async evaluate(workspaceId: string, by: ExperimentsQuery): Promise<ExperimentView[]> {
    const links = await this.experiments.variantLinks(workspaceId, by);
    const linkIds = links.map((link) => link.id);
    const targetIds = [...new Set(links.flatMap((link) => (link.target_id ? [link.target_id] : [])))];
    const [clicks, orders, impressions] = await Promise.all([
      this.experiments.clicksByLink(workspaceId, linkIds),
      this.experiments.ordersByLink(workspaceId, linkIds),
      this.experiments.impressionsByTarget(workspaceId, targetIds),
    ]);
    const byPost = new Map<string, VariantLinkRow[]>();
    for (const link of links) byPost.set(link.post_id, [...(byPost.get(link.post_id) ?? []), link]);
    return [...byPost.values()]
      .map((postLinks) => this.toExperiment(postLinks, clicks, orders, impressions))
      .filter((experiment) => experiment.variants.length >= 2);
  }

  private toExperiment(
    links: VariantLinkRow[],
    clicks: Map<string, number>,
    orders: Map<string, number>,
    impressions: Map<string, number>,
  ): ExperimentView {
    const totals = new Map<string, VariantTotals>();
    const countedTargets = new Set<string>();
    for (const link of links) {
      const row = totals.get(link.variant) ?? {
        variant: link.variant,
        impressions: 0,
        clicks: 0,
        conversions: 0,
      };
      row.clicks += clicks.get(link.id) ?? 0;
      row.conversions += orders.get(link.id) ?? 0;
      if (link.target_id && !countedTargets.has(link.target_id)) {
        countedTargets.add(link.target_id);
        row.impressions += impressions.get(link.target_id) ?? 0;
      }
      totals.set(link.variant, row);
    }
    return decide(links[0], [...totals.values()], this.config.links.experimentMinSample);
  }
}

/** Compares CTR when every variant has impressions, else conversions per click; gates on the sample size. */
export function decide(
  about: Pick<VariantLinkRow, 'post_id' | 'product_id'>,
  totals: VariantTotals[],
  minimumSample: number,
): ExperimentView {
  const metric = totals.every((row) => row.impressions > 0) ? 'ctr' : 'conversion_rate';
  const counts = totals.map((row) =>
    metric === 'ctr'
      ? { successes: Math.min(row.clicks, row.impressions), trials: row.impressions }
      : { successes: Math.min(row.conversions, row.clicks), trials: row.clicks },
  );
  const probabilities = probabilityToBeBest(counts);
  const variants: VariantResultView[] = totals.map((row, i) => ({
    variant: row.variant,
    impressions: row.impressions,
    clicks: row.clicks,
    conversions: row.conversions,
    ctr: row.impressions > 0 ? row.clicks / row.impressions : null,
    conversionRate: row.clicks > 0 ? row.conversions / row.clicks : null,
    probabilityToBeBest: probabilities[i],
  }));
  const isSampleEnough = counts.every((count) => count.trials >= minimumSample);
  const best = variants.reduce((a, b) => (b.probabilityToBeBest > a.probabilityToBeBest ? b : a));
  const hasWinner = isSampleEnough && best.probabilityToBeBest >= WINNER_PROBABILITY;
  return {
    id: about.post_id,
    productId: about.product_id,
    metric,
    minimumSample,
    verdict: !isSampleEnough ? 'inconclusive' : hasWinner ? 'winner' : 'no_difference',
    winner: hasWinner ? best.variant : null,
    variants,
  };
}
