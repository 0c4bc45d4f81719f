import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CopyItemView, CopyUsageView, PlatformDisclosureDto } from '@app/contracts';
import { TransactionHost } from '@app/database';
import { CopySetEntity, type NewCopySet } from './copy-set.entity.js';
import { CopySettingsEntity } from './copy-settings.entity.js';

/** Versions kept in a product's list; older ones stay readable by id. */
export const COPY_LIST_LIMIT = 50;

/** Every query on content.copy_sets, copy_settings and ai_usage; each one is bound to a workspace. */
@Injectable()
export class CopyRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Inserts the product's next version; call with the product row locked so versions never collide. */
  async insertNextVersion(values: NewCopySet): Promise<CopySetEntity> {
    const [row] = await this.tx.manager.query<Array<{ next: number }>>(
      'SELECT coalesce(max(version), 0) + 1 AS next FROM copy_sets WHERE workspace_id = $1 AND product_id = $2',
      [values.workspaceId, values.productId],
    );
    const id = randomUUID();
    await this.tx.manager.insert(CopySetEntity, { ...values, id, version: row?.next ?? 1 });
    return this.tx.manager.findOneByOrFail(CopySetEntity, { workspaceId: values.workspaceId, id });
  }

  findSet(workspaceId: string, id: string): Promise<CopySetEntity | null> {
    return this.tx.manager.findOneBy(CopySetEntity, { workspaceId, id });
  }

  findSetForUpdate(workspaceId: string, id: string): Promise<CopySetEntity | null> {
    return this.tx.manager.findOne(CopySetEntity, {
      where: { workspaceId, id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  listSets(workspaceId: string, productId: string): Promise<CopySetEntity[]> {
    return this.tx.manager.find(CopySetEntity, {
      where: { workspaceId, productId },
      order: { version: 'DESC' },
      take: COPY_LIST_LIMIT,
    });
  }

  async updateItems(workspaceId: string, id: string, items: CopyItemView[]): Promise<CopySetEntity> {
    await this.tx.manager.update(CopySetEntity, { workspaceId, id }, { items });
    return this.tx.manager.findOneByOrFail(CopySetEntity, { workspaceId, id });
  }

  findSettings(workspaceId: string): Promise<CopySettingsEntity | null> {
    return this.tx.manager.findOneBy(CopySettingsEntity, { workspaceId });
  }

  async saveSettings(
    workspaceId: string,
    defaultDisclosure: string,
    platformDisclosures: PlatformDisclosureDto[],
  ): Promise<CopySettingsEntity> {
    await this.tx.manager.upsert(
      CopySettingsEntity,
      { workspaceId, defaultDisclosure, platformDisclosures, updatedAt: new Date() },
      ['workspaceId'],
    );
    return this.tx.manager.findOneByOrFail(CopySettingsEntity, { workspaceId });
  }

  /** Adds one model request's tokens to the workspace's total for today (UTC) and model. */
  async recordUsage(workspaceId: string, model: string, usage: CopyUsageView): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO ai_usage (workspace_id, day, model, requests, prompt_tokens, completion_tokens)
       VALUES ($1, (now() AT TIME ZONE 'UTC')::date, $2, 1, $3, $4)
       ON CONFLICT (workspace_id, day, model) DO UPDATE SET
         requests = ai_usage.requests + 1,
         prompt_tokens = ai_usage.prompt_tokens + EXCLUDED.prompt_tokens,
         completion_tokens = ai_usage.completion_tokens + EXCLUDED.completion_tokens`,
      [workspaceId, model, usage.promptTokens, usage.completionTokens],
    );
  }
}
