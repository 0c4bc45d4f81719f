import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@app/database';

/** A direct upload handed out and not completed yet. */
export interface PendingUpload {
  id: string;
  workspaceId: string;
  declaredBytes: number;
}

interface PendingUploadRow {
  id: string;
  workspace_id: string;
  declared_bytes: string;
}

/** Every query on content.direct_uploads. */
@Injectable()
export class DirectUploadsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(upload: PendingUpload, createdBy: string): Promise<void> {
    await this.tx.manager.query(
      'INSERT INTO direct_uploads (id, workspace_id, declared_bytes, created_by) VALUES ($1, $2, $3, $4)',
      [upload.id, upload.workspaceId, upload.declaredBytes, createdBy],
    );
  }

  async find(workspaceId: string, id: string): Promise<PendingUpload | null> {
    const [row]: PendingUploadRow[] = await this.tx.manager.query(
      'SELECT id, workspace_id, declared_bytes FROM direct_uploads WHERE workspace_id = $1 AND id = $2',
      [workspaceId, id],
    );
    return row ? toPendingUpload(row) : null;
  }

  /** Forgets the upload; false when it was already gone (completed or removed meanwhile). */
  async delete(workspaceId: string, id: string): Promise<boolean> {
    const deleted: unknown[] = await this.tx.manager.query(
      'DELETE FROM direct_uploads WHERE workspace_id = $1 AND id = $2 RETURNING id',
      [workspaceId, id],
    );
    return deleted.length > 0;
  }

  /** The oldest uploads handed out before `cutoff`, at most `limit`. */
  async createdBefore(cutoff: Date, limit: number): Promise<PendingUpload[]> {
    const rows: PendingUploadRow[] = await this.tx.manager.query(
      `SELECT id, workspace_id, declared_bytes FROM direct_uploads WHERE created_at < $1
       ORDER BY created_at LIMIT $2`,
      [cutoff, limit],
    );
    return rows.map(toPendingUpload);
  }
}

function toPendingUpload(row: PendingUploadRow): PendingUpload {
  return { id: row.id, workspaceId: row.workspace_id, declaredBytes: Number(row.declared_bytes) };
}
