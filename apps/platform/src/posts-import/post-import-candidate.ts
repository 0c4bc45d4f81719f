import type { CampaignView, CopySetView, CreatePostDto, DomainError, ProductRefView } from '@app/contracts';
import { isPlatform, type Platform } from '@app/platform-rules';
import type { ConnectionEntity } from '../connections/connection.entity.js';
import type { ImportReferences } from './post-import-references.js';
import type { ImportRow } from './post-import-row.js';

/** A row whose names all resolved: the post it asks for, before the rules of post creation are applied. */
export interface Candidate {
  row: ImportRow;
  product: ProductRefView;
  connections: ConnectionEntity[];
  campaign: CampaignView | null;
}

/** Looks up what the row names; throws RowProblem naming the first name that does not resolve. */
export function candidateOf(row: ImportRow, references: ImportReferences): Candidate {
  const product = references.product(row.product);
  const connections = [
    ...new Map(row.connections.map((ref) => references.connection(ref)).map((c) => [c.id, c])).values(),
  ];
  const campaign = row.campaign === null ? null : references.campaign(row.campaign);
  return { row, product, connections, campaign };
}

/** Whether the post comes at the accounts' next allowed time, which the import plans itself. */
export function needsPlannedTime(candidate: Candidate): boolean {
  return candidate.row.time.kind === 'next-slot' && candidate.campaign === null;
}

/**
 * Same rows twice: two rows asking for the same text at the same time on the same accounts. Rows whose copy is
 * generated or whose time is the next slot are never the same: each gets its own copy variant or slot.
 */
export function sameRowKey({ row, product, connections, campaign }: Candidate): string | null {
  if (row.text === null || row.time.kind !== 'at') return null;
  const connectionIds = connections.map((connection) => connection.id).sort();
  return JSON.stringify([
    product.id,
    connectionIds,
    row.text,
    row.title,
    row.media,
    row.time.at.getTime(),
    campaign?.id ?? null,
    row.variant,
  ]);
}

/** The copy platform a connection's text is written for: its own, or Facebook's wording for the others. */
export function copyPlatformOf(connection: ConnectionEntity): Platform {
  return isPlatform(connection.platform) ? connection.platform : 'facebook';
}

/** What stands for the parts of a row that only a real import produces. */
export interface Resolved {
  /** Per copy platform, the generated text and title; null when the row has its own text. */
  copy: ((platform: Platform) => { text: string; title: string | null }) | null;
  /** The media ids, those of its URLs included. */
  mediaIds: string[];
  /** URLs that stand in for media while checking, so that rules needing an image see one. */
  mediaUrls: string[];
  /** The planned time of a next-slot row without a campaign; null to leave the post unscheduled. */
  plannedAt: Date | null;
}

/** The request the row makes of PostDraftingService, one target per connection. */
export function toCreatePost(candidate: Candidate, resolved: Resolved): CreatePostDto {
  const { row, product, connections, campaign } = candidate;
  const at = row.time.kind === 'at' ? row.time.at : resolved.plannedAt;
  return {
    productId: product.id,
    ...(campaign ? { campaignId: campaign.id } : {}),
    ...(at ? { scheduledAt: at.toISOString() } : {}),
    targets: connections.map((connection) => {
      const generated = resolved.copy?.(copyPlatformOf(connection));
      const title = row.title ?? generated?.title ?? null;
      return {
        connectionId: connection.id,
        text: generated?.text ?? row.text ?? '',
        ...(title === null ? {} : { title }),
        ...(resolved.mediaIds.length > 0 ? { mediaIds: resolved.mediaIds } : {}),
        ...(resolved.mediaUrls.length > 0 ? { mediaUrls: resolved.mediaUrls } : {}),
        ...(row.variant === null ? {} : { variant: row.variant }),
        ...(Object.keys(row.options).length > 0 ? { options: row.options } : {}),
      };
    }),
  };
}

/** The copy of a product for the row's turn: variants rotate over the product's rows. */
export function copyForTurn(copy: CopySetView, turn: number) {
  const variants = Math.max(1, ...copy.items.map((item) => item.variant));
  const variant = (turn % variants) + 1;
  return (platform: Platform) => {
    const item =
      copy.items.find((candidate) => candidate.platform === platform && candidate.variant === variant) ??
      copy.items.find((candidate) => candidate.platform === platform);
    return { text: item?.text ?? '', title: item?.title ?? null };
  };
}

/** A refusal of post creation, in words naming the account it concerns when it concerns one target. */
export function reasonFor(error: DomainError, candidate: Candidate): string {
  const fields = error.details?.fields as Array<{ field: string }> | undefined;
  const index = fields?.[0] ? /^targets\.(\d+)/.exec(fields[0].field)?.[1] : undefined;
  const connection = index === undefined ? undefined : candidate.connections[Number(index)];
  return connection ? `${connection.name} (${connection.platform}): ${error.message}` : error.message;
}
