import { Injectable } from '@nestjs/common';
import { type CopySetView, DomainError } from '@app/contracts';
import type { RequestContext } from '@app/messaging';
import type { Platform } from '@app/platform-rules';
import { effectiveLimits } from '../connections/connection.mapper.js';
import { PostDraftingService } from '../posts/post-drafting.service.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import {
  type Candidate,
  copyForTurn,
  copyPlatformOf,
  needsPlannedTime,
  reasonFor,
  type Resolved,
  toCreatePost,
} from './post-import-candidate.js';
import { type CopyRequest, mediaSourceKey, type Outcome, PostImportContent } from './post-import-content.js';
import type { PostImportEntity } from './post-import.entity.js';
import { PostImportTally } from './post-import-tally.js';
import { PostImportsRepository } from './post-imports.repository.js';
import { RowProblem } from './row-problem.js';
import { type ConnectionTimeline, SlotPlanner } from './slot-planner.js';

/** Posts created per transaction. */
const CREATE_BATCH = 1000;
/** How far ahead a next-slot time may be planned: as far as a post may be scheduled. */
const PLANNING_HORIZON_MS = 365 * 86_400_000;
/** The earliest a next-slot post is planned: time enough to create and queue it before it is due. */
const PLANNING_LEAD_MS = 60_000;

/** The creating stage of an import: content first (media URLs, generated copy), then the posts, in batches. */
@Injectable()
export class PostImportCreation {
  constructor(
    private readonly repository: PostImportsRepository,
    private readonly drafting: PostDraftingService,
    private readonly content: PostImportContent,
    private readonly providers: ProviderRegistry,
  ) {}

  /** Whether creating these rows asks the content service to fetch media or write copy, which takes time. */
  needsContent(candidates: readonly Candidate[]): boolean {
    return candidates.some(({ row }) => row.text === null || row.media.some((media) => 'url' in media));
  }

  async create(
    entity: PostImportEntity,
    context: RequestContext,
    tally: PostImportTally,
    candidates: Candidate[],
  ): Promise<void> {
    const media = await this.content.addMedia(
      context,
      candidates.flatMap(({ row, product }) =>
        row.media.flatMap((item) => ('url' in item ? [{ productId: product.id, url: item.url }] : [])),
      ),
    );
    const copy = await this.content.generateCopy(context, copyRequests(candidates));
    const planner = await this.planner(entity.workspaceId, candidates.filter(needsPlannedTime));
    tally.stage = 'creating';
    await this.repository.saveProgress(entity, tally.progress());
    const turns = new Map<string, number>();
    const from = new Date(Date.now() + PLANNING_LEAD_MS);
    for (let start = 0; start < candidates.length; start += CREATE_BATCH) {
      const ready: Array<{ candidate: Candidate; resolved: Resolved }> = [];
      for (const candidate of candidates.slice(start, start + CREATE_BATCH)) {
        try {
          ready.push({ candidate, resolved: resolve(candidate, media, copy, turns, planner, from) });
        } catch (error) {
          if (!(error instanceof RowProblem)) throw error;
          tally.fail(candidate.row.line, error.message);
        }
      }
      const outcomes = await this.drafting.createMany(
        context,
        ready.map(({ candidate, resolved }) => toCreatePost(candidate, resolved)),
      );
      outcomes.forEach((outcome, index) => {
        const { candidate } = ready[index];
        if (outcome instanceof DomainError) tally.fail(candidate.row.line, reasonFor(outcome, candidate));
        else tally.created(candidate.row.line, outcome.id);
      });
      await this.repository.saveProgress(entity, tally.progress());
    }
  }

  /** The planner over every connection of the rows that need a time, with the publishes around now. */
  private async planner(workspaceId: string, candidates: Candidate[]): Promise<SlotPlanner> {
    const connections = new Map(candidates.flatMap(({ connections }) => connections.map((c) => [c.id, c])));
    const times = await this.repository.timelines(workspaceId, [...connections.keys()]);
    const timelines = new Map<string, ConnectionTimeline>();
    for (const [id, connection] of connections) {
      const limits = effectiveLimits(connection, this.providers.get(connection.platform).defaultLimits);
      timelines.set(id, { limits, timezone: connection.timezone, times: times.get(id) ?? [] });
    }
    return new SlotPlanner(timelines);
  }
}

/** One copy request per product with rows to generate: the platforms of all their connections. */
function copyRequests(candidates: readonly Candidate[]): CopyRequest[] {
  const byProduct = new Map<string, { platforms: Set<Platform>; rows: number }>();
  for (const { row, product, connections } of candidates) {
    if (row.text !== null) continue;
    const request = byProduct.get(product.id) ?? { platforms: new Set<Platform>(), rows: 0 };
    for (const connection of connections) request.platforms.add(copyPlatformOf(connection));
    request.rows += 1;
    byProduct.set(product.id, request);
  }
  return [...byProduct].map(([productId, { platforms, rows }]) => ({
    productId,
    platforms: [...platforms],
    rows,
  }));
}

/** The row's media ids, generated copy and planned time; a RowProblem when one of them could not be had. */
function resolve(
  candidate: Candidate,
  media: ReadonlyMap<string, Outcome<string>>,
  copy: ReadonlyMap<string, Outcome<CopySetView>>,
  turns: Map<string, number>,
  planner: SlotPlanner,
  from: Date,
): Resolved {
  const { row, product, connections } = candidate;
  const mediaIds = row.media.map((item) => {
    if ('id' in item) return item.id;
    const outcome = media.get(mediaSourceKey({ productId: product.id, url: item.url }));
    if (!outcome || 'reason' in outcome)
      throw new RowProblem(`media "${item.url.slice(0, 100)}" ${outcome?.reason ?? 'was not added'}`);
    return outcome.value;
  });
  let generated: Resolved['copy'] = null;
  if (row.text === null) {
    const outcome = copy.get(product.id);
    if (!outcome || 'reason' in outcome)
      throw new RowProblem(`copy ${outcome?.reason ?? 'was not generated'}`);
    const turn = turns.get(product.id) ?? 0;
    turns.set(product.id, turn + 1);
    generated = copyForTurn(outcome.value, turn);
  }
  let plannedAt: Date | null = null;
  if (needsPlannedTime(candidate)) {
    const ids = connections.map((connection) => connection.id);
    plannedAt = planner.take(ids, from, new Date(from.getTime() + PLANNING_HORIZON_MS));
    if (!plannedAt)
      throw new RowProblem('no time in the next year is free under the safety limits of its accounts');
  }
  return { copy: generated, mediaIds: [...new Set(mediaIds)], mediaUrls: [], plannedAt };
}
