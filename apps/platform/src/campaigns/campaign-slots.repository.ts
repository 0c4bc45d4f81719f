import { Injectable } from '@nestjs/common';
import type { TargetStatus } from '@app/contracts';
import { TransactionHost } from '@app/database';
import type { SlotUse } from './slot-book.js';

/** A slot stays taken while a target on it may still be posted, or was. */
const HOLDING_STATUSES: TargetStatus[] = [
  'draft',
  'needs_review',
  'approved',
  'scheduled',
  'publishing',
  'published',
  'unconfirmed',
];

/** The key of a slot the bank filled: one campaign, one connection, one time. */
export interface SlotKey {
  campaignId: string;
  connectionId: string;
  slotAt: Date;
}

/** A slot the bank filled, with what went there and whether its post is still live (not cancelled or failed). */
export interface FilledSlotRow extends SlotKey {
  postId: string | null;
  productId: string;
  variant: string;
  text: string | null;
  /** When the post goes or went out: its slot, unless a person or a resume moved it. */
  at: Date;
  isLive: boolean;
}

/**
 * The slots a campaign's posts hold, and the keys of those its bank filled (platform.campaign_slots): the
 * key's primary key (campaign, connection, slot time) is what makes a second fill of a slot impossible.
 */
@Injectable()
export class CampaignSlotsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Per connection, the slots at or after `from` that the campaign's posts hold, with their products. */
  async slotUses(campaignId: string, from: Date): Promise<SlotUse[]> {
    const rows = await this.tx.manager.query<
      Array<{ connection_id: string; at: Date; product_id: string | null }>
    >(
      `SELECT DISTINCT t.connection_id, p.scheduled_at AS at, p.product_id FROM posts p
       JOIN post_targets t ON t.post_id = p.id
       WHERE p.campaign_id = $1 AND p.scheduled_at >= $2 AND t.status = ANY($3::text[])`,
      [campaignId, from, HOLDING_STATUSES],
    );
    return rows.map((row) => ({
      connectionId: row.connection_id,
      at: new Date(row.at),
      productId: row.product_id,
    }));
  }

  /** Every slot the bank filled for the campaign, in time order. */
  async filledSlots(campaignId: string): Promise<FilledSlotRow[]> {
    const rows = await this.tx.manager.query<
      Array<{
        connection_id: string;
        slot_at: Date;
        post_id: string | null;
        product_id: string;
        variant: string;
        text: string | null;
        at: Date;
        is_live: boolean;
      }>
    >(
      `SELECT s.connection_id, s.slot_at, s.post_id, s.product_id, s.variant, t.text,
         COALESCE(p.scheduled_at, s.slot_at) AS at,
         COALESCE(t.status NOT IN ('cancelled', 'failed'), false) AS is_live
       FROM campaign_slots s
       LEFT JOIN posts p ON p.id = s.post_id
       LEFT JOIN post_targets t ON t.post_id = s.post_id AND t.connection_id = s.connection_id
       WHERE s.campaign_id = $1
       ORDER BY at, s.connection_id`,
      [campaignId],
    );
    return rows.map((row) => ({
      campaignId,
      connectionId: row.connection_id,
      slotAt: new Date(row.slot_at),
      postId: row.post_id,
      productId: row.product_id,
      variant: row.variant,
      text: row.text,
      at: new Date(row.at),
      isLive: row.is_live,
    }));
  }

  /** Takes the slot for the bank; false when a fill already took it (the key exists). */
  async claim(key: SlotKey & { productId: string; variant: string }): Promise<boolean> {
    const inserted = await this.tx.manager.query<unknown[]>(
      `INSERT INTO campaign_slots (campaign_id, connection_id, slot_at, product_id, variant)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1`,
      [key.campaignId, key.connectionId, key.slotAt, key.productId, key.variant],
    );
    return inserted.length === 1;
  }

  async attachPost(key: SlotKey, postId: string): Promise<void> {
    await this.tx.manager.query(
      `UPDATE campaign_slots SET post_id = $4 WHERE campaign_id = $1 AND connection_id = $2 AND slot_at = $3`,
      [key.campaignId, key.connectionId, key.slotAt, postId],
    );
  }

  /** Moves the keys of posts a resume planned again to their new times (all at once, so none collide). */
  async moveKeys(campaignId: string, moves: ReadonlyMap<string, Date>): Promise<void> {
    if (moves.size === 0) return;
    const postIds = [...moves.keys()];
    // A DELETE ... RETURNING answers [rows, count].
    const [released] = await this.tx.manager.query<
      [Array<{ connection_id: string; post_id: string; product_id: string; variant: string }>, number]
    >(
      `DELETE FROM campaign_slots WHERE campaign_id = $1 AND post_id = ANY($2::uuid[])
       RETURNING connection_id, post_id, product_id, variant`,
      [campaignId, postIds],
    );
    if (released.length === 0) return;
    await this.tx.manager.query(
      `INSERT INTO campaign_slots (campaign_id, connection_id, slot_at, post_id, product_id, variant)
       SELECT $1, x.connection_id, x.slot_at, x.post_id, x.product_id, x.variant
       FROM jsonb_to_recordset($2::jsonb)
         AS x(connection_id uuid, slot_at timestamptz, post_id uuid, product_id uuid, variant text)`,
      [
        campaignId,
        JSON.stringify(
          released.map((row) => ({ ...row, slot_at: (moves.get(row.post_id) as Date).toISOString() })),
        ),
      ],
    );
  }

  /** Drops the keys of posts that lost their slot, so the bank may fill those times again. */
  async releaseKeys(campaignId: string, postIds: readonly string[]): Promise<void> {
    if (postIds.length === 0) return;
    await this.tx.manager.query(
      'DELETE FROM campaign_slots WHERE campaign_id = $1 AND post_id = ANY($2::uuid[])',
      [campaignId, postIds],
    );
  }
}
