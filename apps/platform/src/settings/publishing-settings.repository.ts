import { Injectable } from '@nestjs/common';
import type { PublishingSettingsView } from '@app/contracts';
import { TransactionHost } from '@app/database';

interface SettingsRow {
  require_review: boolean;
  require_distinct_approver: boolean;
}

/** What a workspace without a row uses. */
export const DEFAULT_PUBLISHING_SETTINGS: PublishingSettingsView = {
  requireReview: false,
  requireDistinctApprover: false,
};

/** Every query on platform.publishing_settings; one row per workspace, absent until first changed. */
@Injectable()
export class PublishingSettingsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async find(workspaceId: string): Promise<PublishingSettingsView> {
    const [row]: SettingsRow[] = await this.tx.manager.query(
      'SELECT require_review, require_distinct_approver FROM publishing_settings WHERE workspace_id = $1',
      [workspaceId],
    );
    return row ? toView(row) : DEFAULT_PUBLISHING_SETTINGS;
  }

  /** Writes the settings; a setting passed as undefined keeps its stored (or default) value. */
  async upsert(
    workspaceId: string,
    settings: { requireReview: boolean; requireDistinctApprover?: boolean },
    updatedBy: string,
  ): Promise<PublishingSettingsView> {
    const [row]: SettingsRow[] = await this.tx.manager.query(
      `INSERT INTO publishing_settings (workspace_id, require_review, require_distinct_approver, updated_by)
       VALUES ($1, $2, COALESCE($3, false), $4)
       ON CONFLICT (workspace_id) DO UPDATE SET require_review = $2,
         require_distinct_approver = COALESCE($3, publishing_settings.require_distinct_approver),
         updated_by = $4, updated_at = now()
       RETURNING require_review, require_distinct_approver`,
      [workspaceId, settings.requireReview, settings.requireDistinctApprover ?? null, updatedBy],
    );
    return toView(row);
  }
}

function toView(row: SettingsRow): PublishingSettingsView {
  return { requireReview: row.require_review, requireDistinctApprover: row.require_distinct_approver };
}
