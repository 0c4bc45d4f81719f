import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Principal, type PublishingSettingsDto, type PublishingSettingsView } from '@app/contracts';

/** The workspace's publishing settings; owners and admins change them, everyone reads them. */
@Injectable()
export class PublishingSettingsService {
  constructor(private readonly dataSource: DataSource) {}

  async get(
    workspaceId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PublishingSettingsView> {
    const [row]: Array<{ require_review: boolean }> = await manager.query(
      'SELECT require_review FROM publishing_settings WHERE workspace_id = $1',
      [workspaceId],
    );
    return { requireReview: row?.require_review ?? false };
  }

  async update(principal: Principal, input: PublishingSettingsDto): Promise<PublishingSettingsView> {
    await this.dataSource.query(
      `INSERT INTO publishing_settings (workspace_id, require_review, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (workspace_id) DO UPDATE SET require_review = $2, updated_by = $3, updated_at = now()`,
      [principal.workspaceId, input.requireReview, principal.userId],
    );
    return { requireReview: input.requireReview };
  }
}
