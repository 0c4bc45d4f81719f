import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type {
  ImportedPostView,
  ImportFormat,
  ImportStatus,
  PostImportRejectedRowView,
  PostImportStage,
  Role,
} from '@app/contracts';

export interface PostImportFailure {
  message: string;
  line: number | null;
  column: number | null;
}

/** One bulk import of posts, as stored in platform.post_imports. */
@Entity({ name: 'post_imports' })
export class PostImportEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  /** The importer's role when it started; a job acts with it, and content re-checks it on every write. */
  @Column({ type: 'text' }) role!: Role;
  @Column({ name: 'correlation_id', type: 'text', nullable: true }) correlationId!: string | null;
  @Column({ type: 'text' }) status!: ImportStatus;
  @Column({ type: 'text' }) stage!: PostImportStage;
  @Column({ name: 'dry_run', type: 'boolean' }) dryRun!: boolean;
  @Column({ type: 'text' }) format!: ImportFormat;
  @Column({ name: 'file_name', type: 'text', nullable: true }) fileName!: string | null;
  @Column({ name: 'source_key', type: 'text' }) sourceKey!: string;
  @Column({ name: 'processed_rows', type: 'integer', default: 0 }) processedRows!: number;
  @Column({ type: 'integer', default: 0 }) valid!: number;
  @Column({ type: 'integer', default: 0 }) created!: number;
  @Column({ type: 'integer', default: 0 }) rejected!: number;
  @Column({ name: 'rejected_rows', type: 'jsonb', default: () => "'[]'" })
  rejectedRows!: PostImportRejectedRowView[];
  @Column({ name: 'created_posts', type: 'jsonb', default: () => "'[]'" }) createdPosts!: ImportedPostView[];
  @Column({ type: 'jsonb', nullable: true }) error!: PostImportFailure | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', precision: 3, nullable: true })
  finishedAt!: Date | null;
}

/** The running counts and lists of an import, saved as it goes. */
export type PostImportProgress = Pick<
  PostImportEntity,
  'stage' | 'processedRows' | 'valid' | 'created' | 'rejected' | 'rejectedRows' | 'createdPosts'
>;
