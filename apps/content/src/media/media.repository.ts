import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { MediaStatus } from '@app/contracts';
import { TransactionHost } from '@app/database';
import { MediaAssetEntity, MediaVariantEntity } from './media.entity.js';

export type NewMediaAsset = Omit<MediaAssetEntity, 'position' | 'createdAt' | 'updatedAt'>;

/**
 * Every query on content.media_assets and content.media_variants; each one is bound to a workspace. It also
 * reads the two facts media need from the rows they hang on (a product's existence, a rendered video's
 * duration), so media depend on neither the products nor the videos module.
 */
@Injectable()
export class MediaRepository {
  constructor(private readonly tx: TransactionHost) {}

  findOne(workspaceId: string, id: string): Promise<MediaAssetEntity | null> {
    return this.tx.manager.findOneBy(MediaAssetEntity, { workspaceId, id });
  }

  /** Whether the product that media would belong to exists in the workspace. */
  async hasProduct(workspaceId: string, productId: string): Promise<boolean> {
    const rows = await this.tx.manager.query<unknown[]>(
      'SELECT 1 FROM products WHERE workspace_id = $1 AND id = $2',
      [workspaceId, productId],
    );
    return rows.length > 0;
  }

  findByHash(workspaceId: string, contentHash: string): Promise<MediaAssetEntity | null> {
    return this.tx.manager.findOneBy(MediaAssetEntity, { workspaceId, contentHash });
  }

  listForProduct(workspaceId: string, productId: string): Promise<MediaAssetEntity[]> {
    return this.tx.manager.find(MediaAssetEntity, {
      where: { workspaceId, productId },
      order: { position: 'ASC', createdAt: 'ASC' },
    });
  }

  variantsOf(mediaIds: string[]): Promise<MediaVariantEntity[]> {
    if (mediaIds.length === 0) return Promise.resolve([]);
    return this.tx.manager.find(MediaVariantEntity, {
      where: { mediaId: In(mediaIds) },
      order: { name: 'ASC' },
    });
  }

  /** Inserts at the end of the product's list; null when the same bytes are already an asset of the workspace. */
  async insert(asset: NewMediaAsset): Promise<MediaAssetEntity | null> {
    // Serialises inserts per product so two uploads never take the same position.
    await this.tx.manager.query('SELECT 1 FROM products WHERE workspace_id = $1 AND id = $2 FOR UPDATE', [
      asset.workspaceId,
      asset.productId,
    ]);
    const [{ next }] = await this.tx.manager.query<Array<{ next: number }>>(
      'SELECT count(*)::int AS next FROM media_assets WHERE workspace_id = $1 AND product_id = $2',
      [asset.workspaceId, asset.productId],
    );
    // ON CONFLICT DO NOTHING: a duplicate must not abort the caller's transaction.
    await this.tx.manager
      .createQueryBuilder()
      .insert()
      .into(MediaAssetEntity)
      .values({ ...asset, position: next })
      .orIgnore()
      .execute();
    return this.tx.manager.findOneBy(MediaAssetEntity, { workspaceId: asset.workspaceId, id: asset.id });
  }

  /** Marks the asset ready with its variants, unless it is no longer processing (false then). */
  async markReady(asset: MediaAssetEntity, variants: MediaVariantEntity[]): Promise<boolean> {
    const updated = await this.setStatus(asset, 'ready', null);
    if (!updated) return false;
    await this.tx.manager.upsert(MediaVariantEntity, variants, ['mediaId', 'name']);
    return true;
  }

  async markFailed(asset: MediaAssetEntity, reason: string): Promise<boolean> {
    return this.setStatus(asset, 'failed', reason);
  }

  /** Deletes the asset (its variants cascade) and closes the gap in the product's order. */
  async delete(asset: MediaAssetEntity): Promise<boolean> {
    const result = await this.tx.manager.delete(MediaAssetEntity, {
      workspaceId: asset.workspaceId,
      id: asset.id,
    });
    if ((result.affected ?? 0) === 0) return false;
    await this.tx.manager.query(
      `UPDATE media_assets SET position = position - 1
       WHERE workspace_id = $1 AND product_id = $2 AND position > $3`,
      [asset.workspaceId, asset.productId, asset.position],
    );
    return true;
  }

  /** Gives each asset of the product its index in `orderedIds` as its position. */
  async setOrder(workspaceId: string, productId: string, orderedIds: string[]): Promise<void> {
    await this.tx.manager.query(
      `UPDATE media_assets AS asset SET position = ordered.position - 1, updated_at = now()
       FROM unnest($3::uuid[]) WITH ORDINALITY AS ordered(id, position)
       WHERE asset.workspace_id = $1 AND asset.product_id = $2 AND asset.id = ordered.id`,
      [workspaceId, productId, orderedIds],
    );
  }

  private async setStatus(
    asset: MediaAssetEntity,
    status: MediaStatus,
    failureReason: string | null,
  ): Promise<boolean> {
    const result = await this.tx.manager.update(
      MediaAssetEntity,
      { workspaceId: asset.workspaceId, id: asset.id, status: 'processing' },
      { status, failureReason },
    );
    return (result.affected ?? 0) > 0;
  }

  /** The duration of each of `mediaIds` that is a rendered video: the render's probe keeps it on the video's outputs. */
  async videoDurations(workspaceId: string, mediaIds: string[]): Promise<Map<string, number>> {
    if (mediaIds.length === 0) return new Map();
    const rows = await this.tx.manager.query<Array<{ mediaId: string; durationSec: string }>>(
      `SELECT output->>'mediaId' AS "mediaId", output->>'durationSec' AS "durationSec"
       FROM videos, jsonb_array_elements(outputs) AS output
       WHERE workspace_id = $1 AND output->>'mediaId' = ANY($2::text[])`,
      [workspaceId, mediaIds],
    );
    return new Map(rows.map((row) => [row.mediaId, Number(row.durationSec)]));
  }

  /**
   * The storage keys (originals and variants) of one asset or of every asset of a product, with the assets'
   * rows locked so processing cannot add variants until the caller's transaction ends.
   */
  async lockStorageKeys(
    workspaceId: string,
    of: { mediaId: string } | { productId: string },
  ): Promise<string[]> {
    const [column, id] = 'mediaId' in of ? ['id', of.mediaId] : ['product_id', of.productId];
    const assets = await this.tx.manager.query<Array<{ id: string; original_key: string }>>(
      `SELECT id, original_key FROM media_assets WHERE workspace_id = $1 AND ${column} = $2 FOR UPDATE`,
      [workspaceId, id],
    );
    if (assets.length === 0) return [];
    const variants = await this.tx.manager.query<Array<{ storage_key: string }>>(
      'SELECT storage_key FROM media_variants WHERE media_id = ANY($1::uuid[])',
      [assets.map((asset) => asset.id)],
    );
    return [...assets.map((asset) => asset.original_key), ...variants.map((variant) => variant.storage_key)];
  }
}
