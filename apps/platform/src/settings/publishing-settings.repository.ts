import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@app/database';

/** Every query on platform.publishing_settings; one row per workspace, absent until first changed. */
@Injectable()
export class PublishingSettingsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async findRequireReview(workspaceId: string): Promise<boolean | null> {
    const [row]: Array<{ require_review: boolean }> = await this.tx.manager.query(
      'SELECT require_review FROM publishing_settings WHERE workspace_id = $1',
      [workspaceId],
    );
    return row?.require_review ?? null;
  }

  async upsert(workspaceId: string, requireReview: boolean, updatedBy: string): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO publishing_settings (workspace_id, require_review, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (workspace_id) DO UPDATE SET require_review = $2, updated_by = $3, updated_at = now()`,
      [workspaceId, requireReview, updatedBy],
    );
  }
}
