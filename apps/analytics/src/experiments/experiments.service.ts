import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  type ExperimentScope,
  type ExperimentsQuery,
  type ExperimentView,
  NotFoundError,
  type VariantResultView,
  WINNER_PROBABILITY,
} from '@app/contracts';
import type { RequestContext } from '@app/messaging';
import { probabilityToBeBest } from './beta-binomial.js';
import { ExperimentsRepository, type VariantLinkRow } from './experiments.repository.js';

export interface VariantTotals {
  variant: string;
  impressions: number;
  clicks: number;
  conversions: number;
}

/** Who an experiment is about: a post's variants, or a campaign's bank variants across its posts. */
export interface ExperimentSubject {
  scope: ExperimentScope;
  id: string;
  postId: string | null;
  campaignId: string | null;
  productId: string | null;
}

/**
 * A/B tests of caption variants: each post whose links carry two or more variant labels is an experiment, and
 * so is each campaign whose posts' links do (a banked campaign's posts carry one variant each).
 */
@Injectable()
export class ExperimentsService {
  constructor(
    private readonly experiments: ExperimentsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The experiments of a post, of a product's posts, of a campaign (its own and its posts'), or, with none
   * of these, of the whole workspace.
   */
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
    const minimumSample = by.minimumSample ?? this.config.links.experimentMinSample;
    const groups = [...groupsOf(links, 'post'), ...(by.postId ? [] : groupsOf(links, 'campaign'))];
    return groups
      .map(({ subject, links: grouped }) =>
        decide(subject, totalsOf(grouped, clicks, orders, impressions), minimumSample),
      )
      .filter((experiment) => experiment.variants.length >= 2);
  }
}

/** The links grouped by post, or by campaign (links outside a campaign are in no campaign group). */
function groupsOf(
  links: readonly VariantLinkRow[],
  scope: ExperimentScope,
): Array<{ subject: ExperimentSubject; links: VariantLinkRow[] }> {
  const groups = new Map<string, VariantLinkRow[]>();
  for (const link of links) {
    const key = scope === 'post' ? link.post_id : link.campaign_id;
    if (key) groups.set(key, [...(groups.get(key) ?? []), link]);
  }
  return [...groups.entries()].map(([id, grouped]) => {
    const products = new Set(grouped.map((link) => link.product_id));
    return {
      subject: {
        scope,
        id,
        postId: scope === 'post' ? id : null,
        campaignId: scope === 'campaign' ? id : sameOrNull(grouped.map((link) => link.campaign_id)),
        productId: products.size === 1 ? grouped[0].product_id : null,
      },
      links: grouped,
    };
  });
}

function sameOrNull(values: ReadonlyArray<string | null>): string | null {
  return new Set(values).size === 1 ? values[0] : null;
}

/** Per variant: its links' clicks and sales, and the impressions of its targets (each target counted once). */
function totalsOf(
  links: readonly VariantLinkRow[],
  clicks: Map<string, number>,
  orders: Map<string, number>,
  impressions: Map<string, number>,
): VariantTotals[] {
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
  return [...totals.values()];
}

/** Compares CTR when every variant has impressions, else conversions per click; gates on the sample size. */
export function decide(
  subject: ExperimentSubject,
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
    ...subject,
    metric,
    minimumSample,
    verdict: !isSampleEnough ? 'inconclusive' : hasWinner ? 'winner' : 'no_difference',
    winner: hasWinner ? best.variant : null,
    variants,
  };
}
